"""Figure scripts, one per figure, grouped by topic; ``style`` is their shared look."""
