"""n_threads = 0: every core while the rest of the machine is idle, half the cores otherwise."""

import os

import pytest

from news_core.threads import IdleWatch, default_threads, idle_threads


class Machine:
    """A /proc/stat whose busy and idle ticks the test advances, with this process's own CPU time."""

    def __init__(self, path):
        self.path, self.wall, self.busy, self.idle, self.own = path, 0.0, 0, 0, 0.0
        self.tick = os.sysconf("SC_CLK_TCK")
        self.write()

    def write(self):
        self.path.write_text(f"cpu  {self.busy} 0 0 {self.idle} 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\n")

    def run(self, seconds, own_cores, other_cores, cores=2):
        self.wall += seconds
        self.own += own_cores * seconds
        self.busy += round((own_cores + other_cores) * seconds * self.tick)
        self.idle += round((cores - own_cores - other_cores) * seconds * self.tick)
        self.write()

    def watch(self):
        return IdleWatch(self.path, clock=lambda: self.wall, own=lambda: self.own)


def test_our_own_work_does_not_make_the_machine_busy(tmp_path):
    machine = Machine(tmp_path / "stat")
    watch = machine.watch()
    machine.run(2.0, own_cores=2.0, other_cores=0.0)  # two spinning threads of ours, nothing else
    assert watch.others_idle()


def test_a_neighbour_using_a_core_is_seen_and_its_leaving_too(tmp_path):
    machine = Machine(tmp_path / "stat")
    watch = machine.watch()
    machine.run(1.5, own_cores=1.0, other_cores=1.0)
    assert not watch.others_idle()
    machine.run(1.5, own_cores=1.0, other_cores=0.1)  # the window starts at the last look
    assert watch.others_idle()


def test_a_look_too_short_to_count_a_tick_decides_nothing(tmp_path):
    """A model's first item comes milliseconds after it loaded: /proc/stat has not ticked for the
    busy neighbour yet. Such a look keeps the last decided answer (none yet: busy) and its window
    open, so the next look decides on all of it. (Taken as idle, two threads beside the neighbour
    made the first answer 14 s of CPU instead of 1 s.)"""
    machine = Machine(tmp_path / "stat")
    watch = machine.watch()
    machine.run(0.003, own_cores=0.0, other_cores=1.0)  # no tick yet
    assert not watch.others_idle()
    machine.run(0.3, own_cores=1.0, other_cores=0.0)  # quiet, but 0.303 s in all: still too short to decide
    assert not watch.others_idle()
    machine.run(0.5, own_cores=1.0, other_cores=0.0)  # 0.803 s of a mostly quiet machine since the first look
    assert watch.others_idle()
    machine.run(0.01, own_cores=0.0, other_cores=2.0)
    assert watch.others_idle()  # too short again: the last decided answer
    machine.run(1.0, own_cores=1.0, other_cores=1.0)
    assert not watch.others_idle()


def test_no_proc_stat_means_never_idle(tmp_path):
    assert not IdleWatch(tmp_path / "missing").others_idle()


def test_the_counts_stay_within_the_cores_and_four():
    assert 1 <= default_threads() <= idle_threads() <= 4


@pytest.mark.model
def test_the_backend_switches_threads_per_item_and_the_answers_stay_the_same(default_backend, monkeypatch):
    """Threads change speed, not answers (the same kernels split rows between threads)."""
    import llama_cpp

    from news_core.items import NewsItem
    from news_core.prompt import render_prompt

    if idle_threads() == default_threads():
        pytest.skip("one core: nothing to switch")

    class Watch:
        idle = True

        def others_idle(self):
            return self.idle

    monkeypatch.setattr(default_backend, "_watch", Watch())
    prompt = render_prompt(NewsItem(title="Mistral ships Small 3", content="Mistral released Small 3, 24B."))
    answers = {}
    for idle in (True, False, True):
        default_backend._watch.idle = idle
        answers.setdefault(idle, []).append(default_backend.generate(prompt).text)
        wanted = idle_threads() if idle else default_threads()
        assert default_backend.threads == wanted
        assert llama_cpp.llama_n_threads(default_backend._llm._ctx.ctx) == wanted
        assert llama_cpp.llama_n_threads(default_backend._short._ctx) == wanted
    assert answers[True][0] == answers[False][0] == answers[True][1]
