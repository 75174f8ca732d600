"""The one exception a failing check raises, carrying a ready-to-print message."""


class CheckError(AssertionError):
    """A stated result disagrees with SymPy, or a check cannot read what it needs."""


class Unreadable(Exception):
    """A piece of LaTeX that the parser cannot turn into a value (not an error by itself)."""
