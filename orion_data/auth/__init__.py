"""Accounts, passwords, login throttling, server-side sessions and the cookie key."""
