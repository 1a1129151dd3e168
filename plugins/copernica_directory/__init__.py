"""The Copernica partner directory."""
