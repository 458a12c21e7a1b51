"""The one error the audit reports as a message rather than a traceback."""


class AuditError(Exception):
    """A tool is missing or the site lacks what the audit needs; the message says which."""
