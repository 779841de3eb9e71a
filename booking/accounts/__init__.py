"""Users, organisations (associations, clubs, volunteer groups, partners) and memberships."""
