"""The demand workflow: form rules, permissions, statuses, campaigns, reads and writes.

Pages call `queries` to read and `service` to write. Both check the user's role and scope
by demand id and raise the exceptions of `orion_data.errors`.
"""
