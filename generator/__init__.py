"""xinyi-portal: validated open-data packages to the community trust-governance portal."""

__version__ = "0.1.0"
