"""Who may do what: roles, and the one policy every view, export, API and command asks."""
