"""Generators of the reproducible sample inbox (python -m tools.samples).

The scenario is fixed at AS_OF: every "overdue", "due soon" or "older than" in the manifests
(tests/sample_expectations/*.yaml) is relative to it. Generators never read today's date.
"""

from __future__ import annotations

import datetime as dt

AS_OF = dt.date(2026, 11, 22)

AGENCY_FULL = "Ban Dân tộc tỉnh Khánh Hòa"
UNITS = ("Văn phòng", "Phòng Chính sách", "Phòng Kế hoạch - Tổng hợp", "Thanh tra")

# People of the scenario (invented). Titles as the agency writes them.
HEAD = "Võ Nam Thắng"  # Trưởng ban
ISO_LEAD = "Phạm Duy Khánh"  # Phó Trưởng ban, Lãnh đạo Ban ISO
ISO_SECRETARY = "Nguyễn Thị Nguyệt"  # Thư ký ISO
OFFICE_CHIEF = "Phùng Tấn Duy"  # Chánh Văn phòng
UNIT_HEADS = {
    "Văn phòng": OFFICE_CHIEF,
    "Phòng Chính sách": "Lê Thị Hồng Nhung",
    "Phòng Kế hoạch - Tổng hợp": "Lê Văn Thành",
    "Thanh tra": "Trần Quốc Bảo",
}
UNIT_HEAD_TITLES = {
    "Văn phòng": "CHÁNH VĂN PHÒNG",
    "Phòng Chính sách": "TRƯỞNG PHÒNG",
    "Phòng Kế hoạch - Tổng hợp": "TRƯỞNG PHÒNG",
    "Thanh tra": "CHÁNH THANH TRA",
}
STAFF = {
    "Văn phòng": ("Đặng Thị Thu Hà", "Nguyễn Văn Lực"),
    "Phòng Chính sách": ("Pi Năng Thị Mai", "Cao Minh Tuấn"),
    "Phòng Kế hoạch - Tổng hợp": ("Hồ Thị Kim Oanh", "Đỗ Quang Vinh"),
    "Thanh tra": ("Ka Tơ Ri", "Lý Thanh Sơn"),
}
