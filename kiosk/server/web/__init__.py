"""The staff web pages of the central server: routes, page rendering and their words."""
