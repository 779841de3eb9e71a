"""Citizens' statements, short interviews and practice stories: the qualitative half of the
library's follow-up on its rooms and on what the library means to people."""
