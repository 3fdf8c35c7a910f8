"""The window's and the command line's door to this PC's data folder and the safe file writer.

None of them opens a unit through SQLAlchemy (the start-up check reads the header and runs
SQLite's own check while Python imports the rest), so they stay light to import;
the rules they keep — private files, atomic writes, never
overwriting a unit file or a file the user did not choose — live in ``storage.files``.
"""

from fko_desktop.storage.files import (
    FileRefused,
    check_target,
    private_dir,
    read_regular_file,
    readable_by_others,
    write_file,
)
from fko_desktop.storage.integrity import inspect_unit_file
from fko_desktop.storage.paths import backup_dir, bundle_dir, data_dir, demo_unit_path, prepare_private_data

__all__ = [
    "FileRefused",
    "backup_dir",
    "bundle_dir",
    "check_target",
    "data_dir",
    "demo_unit_path",
    "inspect_unit_file",
    "prepare_private_data",
    "private_dir",
    "read_regular_file",
    "readable_by_others",
    "write_file",
]
