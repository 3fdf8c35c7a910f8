"""The plan tree: citizens → orders and plans → intervention goals → sub-goals.

A Qt item model over the core's queries, loaded lazily: a citizen's orders and goals are read
only when the citizen is expanded, so the tree of a large unit appears at once. Badges come
from the core's deadline rules (overdue goal status, status report due).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fko_desktop.models.enums import Area
from fko_desktop.models.formatting import format_date
from fko_desktop.models.schedule import DeadlineState
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Unit

KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
CitizenIdRole = Qt.ItemDataRole.UserRole + 3
BadgeRole = Qt.ItemDataRole.UserRole + 4

OVERDUE_COLOUR = QColor("#b3261e")
DUE_COLOUR = QColor("#8a5a00")
MUTED_COLOUR = QColor("#6b6b6b")

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(eq=False)
class Node:
    # "citizen", "order", "plan", "goal", "sub_goal"; and per citizen (id: the citizen)
    # "follow_ups", "diary", "use_of_force", "aarhus"
    kind: str
    record_id: int
    label: str
    citizen_id: int
    parent: Node | None = None
    children: list[Node] | None = None  # None: not loaded yet
    muted: bool = False
    tooltip: str = ""

    def row(self) -> int:
        if self.parent is None or self.parent.children is None:
            return 0
        return self.parent.children.index(self)


@dataclasses.dataclass(frozen=True)
class TreeFilter:
    text: str = ""
    area: Area | None = None
    active: bool | None = True  # None: everyone; False: only ended


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, unit: Unit, *, today: dt.date | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._unit = unit
        self._today = today or dt.date.today()
        self._filter = TreeFilter()
        self._root = Node("root", 0, "", 0, children=[])
        self._overdue: Counter[tuple[str, int]] = Counter()
        self._due: Counter[tuple[str, int]] = Counter()
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def set_filter(self, tree_filter: TreeFilter) -> None:
        self._filter = tree_filter
        self.reload()

    def reload(self) -> None:
        """Re-read citizens and badges; expanded branches are read again when shown."""
        self.beginResetModel()
        self._load_badges()
        citizens = self._unit.citizens.list(
            text=self._filter.text or None,
            area=self._filter.area,
            active=self._filter.active,
            today=self._today,
        )
        self._root.children = [
            Node(
                "citizen",
                c.id,
                self._unit.privacy.citizen_name(c.id, c.name),
                c.id,
                parent=self._root,
                # A move-out date still to come leaves the citizen current until that day.
                muted=not c.lives_here_on(self._today),
                tooltip=f"{self._unit.privacy.cpr(c.cpr)} · {c.area.label}"
                + ("" if c.lives_here_on(self._today) else f" · {tr('fraflyttet')}"),
            )
            for c in citizens
        ]
        self.endResetModel()

    def _load_badges(self) -> None:
        self._overdue.clear()
        self._due.clear()
        for deadline in self._unit.deadlines.due(self._today):
            counter = self._overdue if deadline.state is DeadlineState.OVERDUE else self._due
            counter[("citizen", deadline.citizen_id)] += 1
            if deadline.goal_id is not None:
                counter[("goal", deadline.goal_id)] += 1

    def _load_citizen(self, node: Node) -> None:
        children: list[Node] = []
        for plan in self._unit.plans.for_citizen(node.record_id):
            label = tr("Plan") + f" ({plan.state.label.lower()})"
            children.append(Node("plan", plan.id, label, node.record_id, parent=node))
        for order in self._unit.orders.for_citizen(node.record_id):
            received = format_date(order.received_date) or tr("uden dato")
            inactive = not order.state.is_live
            order_node = Node(
                "order",
                order.id,
                tr("Bestilling") + f" {received}" + (f" – {order.state.label.lower()}" if inactive else ""),
                node.record_id,
                parent=node,
                muted=inactive,
                tooltip=order.state.label,
            )
            order_node.children = []
            for goal in order.goals:
                goal_node = Node(
                    "goal",
                    goal.id,
                    goal.text,
                    node.record_id,
                    parent=order_node,
                    muted=inactive,
                    tooltip=goal.text,
                )
                goal_node.children = [
                    Node(
                        "sub_goal",
                        s.id,
                        s.text,
                        node.record_id,
                        parent=goal_node,
                        children=[],
                        muted=s.state.value != "active",
                        tooltip=f"{s.text} · {s.state.label}",
                    )
                    for s in goal.sub_goals
                ]
                order_node.children.append(goal_node)
            children.append(order_node)
        # The follow-ups have one page per citizen (the list): found where the plan is.
        count = len(self._unit.follow_ups.for_citizen(node.record_id))
        label = tr("Opfølgninger") + (f" ({count})" if count else "")
        children.append(Node("follow_ups", node.record_id, label, node.record_id, parent=node, children=[]))
        # The resident diary, like the follow-ups, is one page per citizen.
        count = self._unit.diary.count(node.record_id)
        label = tr("Beboerdagbog") + (f" ({count})" if count else "")
        children.append(Node("diary", node.record_id, label, node.record_id, parent=node, children=[]))
        # Use of force: incidents and permissions, one page per citizen.
        count = len(self._unit.use_of_force.for_citizen(node.record_id))
        label = tr("Magtanvendelse") + (f" ({count})" if count else "")
        children.append(Node("use_of_force", node.record_id, label, node.record_id, parent=node, children=[]))
        # The Århus schema assessments: children with a schema only, one page per citizen.
        if self._unit.aarhus.offered_for(node.record_id):
            count = len(self._unit.aarhus.for_citizen(node.record_id))
            label = tr("Århus-vurderinger") + (f" ({count})" if count else "")
            children.append(Node("aarhus", node.record_id, label, node.record_id, parent=node, children=[]))
        node.children = children

    def _children(self, node: Node) -> list[Node]:
        if node.children is None:
            if node.kind == "citizen":
                self._load_citizen(node)
            else:
                node.children = []
        return node.children  # type: ignore[return-value]

    # -- QAbstractItemModel ------------------------------------------------------------------

    def _node(self, index: AnyIndex) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        children = self._children(self._node(parent))
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        node = self._node(parent)
        if node.kind in ("citizen", "root") or node.children is not None:
            return len(self._children(node))
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:
        node = self._node(parent)
        if node.kind == "citizen" and node.children is None:
            return True  # known once expanded; avoids reading every citizen's orders up front
        return bool(node.children)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        key = (node.kind, node.record_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label + self._badge_text(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or node.label
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return node.label + self._badge_text(key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._overdue[key]:
                return QBrush(OVERDUE_COLOUR)
            if node.muted:
                return QBrush(MUTED_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind == "citizen":
            font = QFont()
            font.setBold(True)
            return font
        if role == KindRole:
            return node.kind
        if role == IdRole:
            return node.record_id
        if role == CitizenIdRole:
            return node.citizen_id
        if role == BadgeRole:
            return (self._overdue[key], self._due[key])
        return None

    def _badge_text(self, key: tuple[str, int]) -> str:
        overdue, due = self._overdue[key], self._due[key]
        parts = []
        if overdue:
            parts.append(tr("{n} overskredet").format(n=overdue))
        if due:
            parts.append(tr("{n} snart").format(n=due))
        return f"  ⚑ {', '.join(parts)}" if parts else ""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- lookups for the window -------------------------------------------------------------

    def find(self, kind: str, record_id: int, citizen_id: int) -> QModelIndex:
        """The index of a record, loading its citizen's branch if needed."""
        for row, citizen in enumerate(self._children(self._root)):
            if citizen.record_id != citizen_id:
                continue
            citizen_index = self.index(row, 0)
            if kind == "citizen":
                return citizen_index
            return self._search(citizen_index, kind, record_id)
        return QModelIndex()

    def _search(self, parent: QModelIndex, kind: str, record_id: int) -> QModelIndex:
        for row in range(self.rowCount(parent)):
            child = self.index(row, 0, parent)
            node = self._node(child)
            if node.kind == kind and node.record_id == record_id:
                return child
            found = self._search(child, kind, record_id)
            if found.isValid():
                return found
        return QModelIndex()
