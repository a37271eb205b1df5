"""The variants of the layouts folded in from the second, third and fourth blind sets hold their floors
(BLIND2_FLOORS, BLIND3_FLOORS, BLIND4_FLOORS in test_newsletter_variants.py, where the variants and the
first layouts' floors are). A file of its own so that make test's two workers (--dist loadfile) split
the variants between them."""

import time

import pytest

from support.corpus import load_score

from test_newsletter_variants import (BLIND2_FLOORS, BLIND2_META, BLIND3_FLOORS, BLIND3_META, BLIND4_FLOORS,
                                      BLIND4_META, _slipped, run_held)

score = load_score()


@pytest.mark.slow
def test_the_second_blind_sets_variants_hold_their_floors():
    start = time.process_time()  # CPU time: the machine is shared, wall time says little
    slipped = _slipped("blind2", run_held(score.BLIND2_LAYOUTS), BLIND2_FLOORS, BLIND2_META)
    assert time.process_time() - start < 60
    assert not slipped, f"below the floor: {slipped}"


@pytest.mark.slow
def test_the_third_and_fourth_blind_sets_variants_hold_their_floors():
    start = time.process_time()
    slipped = {}
    for name, layouts, floors, metas in (("blind3", score.BLIND3_LAYOUTS, BLIND3_FLOORS, BLIND3_META),
                                         ("blind4", score.BLIND4_LAYOUTS, BLIND4_FLOORS, BLIND4_META)):
        slipped |= _slipped(name, run_held(layouts), floors, metas)
    assert time.process_time() - start < 75
    assert not slipped, f"below the floor: {slipped}"
