"""Audit the built site with the clients the web uses: Lighthouse, the Nu HTML checker, feedparser.

`make audit` runs every check on every page kind and preset (`python -m tests.audit`);
`test_audit.py` runs a small version inside `make test` (marker `audit`).
"""
