"""The built-in catalog: the category taxonomy and the known applications and websites."""
