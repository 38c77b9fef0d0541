"""Report <-> JSON, and the table / Markdown renderings of the same Report."""
