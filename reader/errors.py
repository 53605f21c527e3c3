"""The one error type that the CLI turns into a single line on stderr."""


class UserError(Exception):
    """A problem the user can fix (bad file, missing model); shown as one line, exit code 2."""
