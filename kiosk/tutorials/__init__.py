"""Safety tutorials: the content model, quiz, progress and certifications (``library``),
and reading staff-written YAML with line numbers (``loader``, ``yaml_reader``)."""
