"""QMS compliance pipeline for TCVN ISO 9001:2015 records of Ban Dân tộc tỉnh Khánh Hòa."""

__version__ = "0.1.0"
