"""Filer → Enhedens indstillinger: the unit's departments, the areas it serves, how long its
automatic backups are kept and how long a citizen's records are kept after the stay.

The core decides who may change them (an administrator) and refuses bad numbers beside their
field; Gem stores every setting in one transaction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPlainTextEdit, QSpinBox, QWidget

from fko_desktop.ui.editors.base import EditorBase, Submission, text_value
from fko_desktop.ui.i18n import tr

#: The spin boxes' bounds; the core holds the same (ops.unit_settings) and the database too.
KEEP_DAYS_RANGE = (1, 3650)
RETENTION_RANGE = (1, 100)


class UnitSettingsEditor(EditorBase):
    """``load(None)``: the open unit's settings."""

    EDITOR = "unit_settings"
    TITLE = "Enhedens indstillinger"

    def _build(self) -> None:
        self.departments = QPlainTextEdit()
        self.departments.setFixedHeight(90)
        self.add_field(
            "departments",
            self.departments,
            "Afdelinger",
            "Én afdeling pr. linje. En afdeling med medarbejdere kan ikke fjernes.",
        )
        areas = QWidget()
        line = QHBoxLayout(areas)
        line.setContentsMargins(0, 0, 0, 0)
        self.children_box = QCheckBox(tr("Børn og unge"))
        self.adults_box = QCheckBox(tr("Voksne"))
        line.addWidget(self.children_box)
        line.addWidget(self.adults_box)
        line.addStretch(1)
        self.add_field("areas", areas, "Områder", "Hvilke borgere enheden har: børn og unge, voksne.")
        self.keep_days = QSpinBox()
        self.keep_days.setRange(*KEEP_DAYS_RANGE)
        self.keep_days.setSuffix(tr(" dage"))
        self.add_field(
            "backup_keep_days",
            self.keep_days,
            "Gem sikkerhedskopier i",
            "Automatiske sikkerhedskopier ældre end dette slettes – dog altid de fem nyeste.",
        )
        self.retention = QSpinBox()
        self.retention.setRange(*RETENTION_RANGE)
        self.retention.setSuffix(tr(" år"))
        self.add_field(
            "retention_years",
            self.retention,
            "Opbevaring efter udflytning",
            "Så længe en borgers oplysninger gemmes, efter opholdet er slut, før en "
            "administrator kan slette dem.",
        )
        self.suppress_box = QCheckBox(tr("Vis grupper med færre end 5 borgere som «< 5»"))
        self.add_field(
            "suppress_small_groups",
            self.suppress_box,
            "Overblik",
            "Gælder alt, der udskrives og eksporteres fra overblikket og statistikken, så ingen "
            "enkelt borger kan genkendes i tallene.",
        )
        about = QLabel(
            tr(
                "Sikkerhedskopierne tages automatisk: ved lukning efter ændringer, ved dagens "
                "første gemning, før en opdatering af filen og før et bundt indlæses. De ligger "
                "i din brugers datamappe på denne pc."
            )
        )
        about.setWordWrap(True)
        self.form.addRow(about)

    def _populate(self, record_id: int | None, context: dict[str, Any]) -> None:
        record = self.unit.record
        self.departments.setPlainText("\n".join(record.departments))
        self.children_box.setChecked("children" in record.areas)
        self.adults_box.setChecked("adults" in record.areas)
        self.keep_days.setValue(record.backup_keep_days)
        self.retention.setValue(record.retention_years)
        self.suppress_box.setChecked(record.suppress_small_groups)

    def record_key(self) -> str:
        return "unit"

    def _write(self) -> Submission | None:
        departments = text_value(self.departments).splitlines()
        areas = [
            area
            for area, box in (("children", self.children_box), ("adults", self.adults_box))
            if box.isChecked()
        ]
        keep_days, retention = self.keep_days.value(), self.retention.value()
        suppress = self.suppress_box.isChecked()
        return Submission(
            lambda unit: unit.set_settings(
                departments=departments,
                areas=areas,
                backup_keep_days=keep_days,
                retention_years=retention,
                suppress_small_groups=suppress,
            )
        )
