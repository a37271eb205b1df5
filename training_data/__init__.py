"""training_data: the project's annotated dataset (data/*.jsonl) and the tools around it.

Public API:
    Record                      one item + its annotation; .item() -> NewsItem, .metadata() -> NewsMetadata,
                                .example() -> (prompt, completion) via news_core.prompt.render_example
    load_records(paths=None)    every record of the given JSONL files (default: data/*.jsonl, sorted by name);
                                raises DataError listing every bad line as file:line: field: message
    split(records, test_fraction=0.2) -> (train, test)
                                deterministic temporal split: sorted by (published, id), newest share to test
    default_split(test_fraction=0.2) -> (train, test)
                                the split of the shipped dataset
    check_leakage(train, test) -> list[Finding]
                                shared ids, identical or near-identical titles and contents across the split
    find_duplicates(records) -> list[Finding]
                                the same checks inside one set
    import_v2(path) -> ImportReport
                                records from the "v2" chat-message format (report.records, .normalised, .problems)
The command line is `news-enhancer data stats | validate | split | import` (training_data/cli.py).
"""

from .errors import DataError, Problem
from .importer import ImportReport, import_v2
from .leakage import Finding, check_leakage, find_duplicates
from .load import DATA_DIR, load_jsonl, load_records
from .records import Record
from .split import default_split, split

__all__ = [
    "DATA_DIR",
    "DataError",
    "Finding",
    "ImportReport",
    "Problem",
    "Record",
    "check_leakage",
    "default_split",
    "find_duplicates",
    "import_v2",
    "load_jsonl",
    "load_records",
    "split",
]
