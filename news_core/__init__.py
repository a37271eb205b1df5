"""The floor every package stands on: what training, export, evaluation and the server share.

contract (output schema, normalise/validate), items (input items), prompt (the one prompt
renderer) and prompt_tokens (its token ids for training), grammar (the completion grammar),
errors (one hierarchy), settings (the config base every package subclasses) and settings_doc
(the settings docs it generates), bundled (the shipped base model and
adapter), base_model (the bundled base as a Hugging Face folder), threads, cli (the
`news-enhancer` dispatcher). Light to import: no torch, no model loading.
"""
