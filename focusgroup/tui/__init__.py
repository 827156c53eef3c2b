"""Everything Textual. Importing this package must stay cheap: modules import textual themselves."""
