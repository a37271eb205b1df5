"""Training configs shipped with the package (default.toml: the reference fine-tune)."""
