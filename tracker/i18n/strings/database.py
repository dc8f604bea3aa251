"""Strings of moving and keeping a database (cli_database): db copy, backup, restore and
doctor, their help, their refusals and their proof."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # help
    "cli.help.db.copy": (
        "sao chép toàn bộ cơ sở dữ liệu sang một cơ sở dữ liệu khác (SQLite ⇄ PostgreSQL), trong một giao dịch, rồi chứng minh không mất gì",
        "copy the whole database into another one (SQLite ⇄ PostgreSQL), in one transaction, then prove nothing was lost",
    ),
    "cli.help.db.copy.to": (
        "địa chỉ cơ sở dữ liệu đích, ví dụ postgresql+psycopg://tracker@db.office.local/tracker",
        "the target database's address, e.g. postgresql+psycopg://tracker@db.office.local/tracker",
    ),
    "cli.help.db.copy.from": (
        "địa chỉ cơ sở dữ liệu nguồn (mặc định: TRACKER_DATABASE_URL, hoặc tệp SQLite mặc định)",
        "the source database's address (default: TRACKER_DATABASE_URL, or the default SQLite file)",
    ),
    "cli.help.transfer.replace": (
        "thay toàn bộ dữ liệu đang có ở đích (không có tuỳ chọn này, một đích đã có dữ liệu bị từ chối)",
        "replace all the data the target holds (without it, a target that holds data is refused)",
    ),
    "cli.help.backup": (
        "sao lưu cơ sở dữ liệu vào một tệp, ngay cả khi mọi người đang nhập số liệu",
        "back the database up into one file, even while people are saving figures",
    ),
    "cli.help.backup.out": (
        "tệp sao lưu sẽ ghi (một tệp SQLite, khôi phục được vào SQLite hoặc PostgreSQL)",
        "the backup file to write (an SQLite file that restores into SQLite or PostgreSQL)",
    ),
    "cli.help.backup.replace": ("ghi đè tệp nếu đã có", "overwrite the file if it exists"),
    "cli.help.restore": (
        "khôi phục một tệp sao lưu vào một cơ sở dữ liệu, rồi chứng minh không mất gì",
        "restore a backup file into a database, then prove nothing was lost",
    ),
    "cli.help.restore.file": ("tệp sao lưu do lệnh backup ghi", "a backup file written by the backup command"),
    "cli.help.restore.to": (
        "địa chỉ cơ sở dữ liệu đích (mặc định: TRACKER_DATABASE_URL, hoặc tệp SQLite mặc định)",
        "the target database's address (default: TRACKER_DATABASE_URL, or the default SQLite file)",
    ),
    "cli.help.doctor": (
        "kiểm tra mọi thứ ứng dụng cần: tệp kế hoạch, cơ sở dữ liệu, lược đồ, quyền ghi, dung lượng trống, tài khoản, số liệu tổng hợp",
        "check everything the app needs: the plan file, the database, its schema, write access, free space, accounts, kept totals",
    ),
    # progress
    "transfer.step.copy": ("Sao chép", "Copying"),
    "transfer.step.check": ("Kiểm tra", "Checking"),
    "transfer.step.recount": ("Đếm lại", "Recounting"),
    "transfer.step.read": ("Đọc tệp", "Reading the file"),
    "transfer.step.preview": ("Kiểm tra từng dòng", "Checking each row"),
    "transfer.step.save": ("Lưu", "Saving"),
    "transfer.step.write": ("Ghi tệp", "Writing the file"),
    "transfer.unit": (" dòng", " rows"),
    # what the commands say
    "transfer.cli.copying": ("Sao chép {source} → {target}", "Copying {source} → {target}"),
    "transfer.cli.backing_up": ("Sao lưu {source} → {file}", "Backing up {source} → {file}"),
    "transfer.cli.restoring": ("Khôi phục {file} → {target}", "Restoring {file} → {target}"),
    "transfer.cli.upgraded": (
        "Tệp sao lưu ở phiên bản lược đồ {current}; một bản sao của nó đã được nâng cấp lên {head} trước khi khôi phục (tệp không bị thay đổi).",
        "The backup is at schema revision {current}; a copy of it was upgraded to {head} before the restore (the file is unchanged).",
    ),
    "transfer.cli.table_agrees": (
        "  {table}  nguồn {source} dòng, đích {target} dòng, tổng kiểm {checksum} khớp",
        "  {table}  source {source} rows, target {target} rows, checksum {checksum} agrees",
    ),
    "transfer.cli.table_differs": (
        "  {table}  nguồn {source} dòng, đích {target} dòng, tổng kiểm KHÁC",
        "  {table}  source {source} rows, target {target} rows, checksum DIFFERS",
    ),
    "transfer.cli.copied": (
        "Đã sao chép {rows} dòng của {tables} bảng, lược đồ {revision}: mọi bảng khớp số dòng và tổng kiểm; số liệu tổng hợp theo ngày ({days} dòng) khớp khi đếm lại từ các bản ghi.",
        "Copied {rows} rows of {tables} tables, schema {revision}: every table agrees in rows and checksum; the figures kept per day ({days} rows) agree with a recount of the entries.",
    ),
    "transfer.cli.backed_up": (
        "Đã sao lưu {rows} dòng của {tables} bảng, lược đồ {revision}, vào {file} ({size} KB): mọi bảng khớp với cơ sở dữ liệu tại một thời điểm; số liệu tổng hợp theo ngày ({days} dòng) khớp khi đếm lại.",
        "Backed up {rows} rows of {tables} tables, schema {revision}, into {file} ({size} KB): every table agrees with the database at one moment; the figures kept per day ({days} rows) agree with a recount.",
    ),
    "transfer.cli.restored": (
        "Đã khôi phục {rows} dòng của {tables} bảng, lược đồ {revision}: mọi bảng khớp số dòng và tổng kiểm với tệp sao lưu; số liệu tổng hợp theo ngày ({days} dòng) khớp khi đếm lại.",
        "Restored {rows} rows of {tables} tables, schema {revision}: every table agrees in rows and checksum with the backup; the figures kept per day ({days} rows) agree with a recount.",
    ),
    "transfer.cli.copy_refused": ("Không sao chép gì:", "Nothing was copied:"),
    "transfer.cli.backup_refused": ("Không sao lưu được:", "No backup was written:"),
    "transfer.cli.restore_refused": ("Không khôi phục gì:", "Nothing was restored:"),
    "transfer.cli.file_error": (
        "không ghi hoặc đọc được tệp: {detail}",
        "the file cannot be written or read: {detail}",
    ),
    # refusals
    "transfer.error.same_database": (
        "nguồn và đích là cùng một cơ sở dữ liệu.",
        "the source and the target are the same database.",
    ),
    "transfer.error.target_has_data": (
        "đích đã có dữ liệu (bảng {table}: {rows} dòng). Thêm --replace để thay toàn bộ, hoặc chọn một cơ sở dữ liệu trống.",
        "the target already holds data (table {table}: {rows} rows). Add --replace to replace all of it, or choose an empty database.",
    ),
    "transfer.error.source_behind": (
        "nguồn ở phiên bản lược đồ {current}, bản này cần {head}. Hãy nâng cấp nguồn trước: python -m tracker db upgrade "
        "với TRACKER_DATABASE_URL chỉ tới nguồn (tệp SQLite được sao một bản bên cạnh trước).",
        "the source is at schema revision {current}, this version needs {head}. Upgrade the source first: "
        "python -m tracker db upgrade with TRACKER_DATABASE_URL naming the source (an SQLite file is copied beside itself first).",
    ),
    "transfer.error.source_newer": (
        "nguồn ở phiên bản lược đồ {current}, mới hơn bản này ({head}). Hãy dùng bản của ứng dụng đã ghi nó.",
        "the source is at schema revision {current}, newer than this version ({head}). Use the version of the app that wrote it.",
    ),
    "transfer.error.target_newer": (
        "đích ở phiên bản lược đồ {current}, mới hơn bản này ({head}); không ghi gì vào đó.",
        "the target is at schema revision {current}, newer than this version ({head}); nothing is written to it.",
    ),
    "transfer.error.file_exists": (
        "tệp {file} đã có. Chọn tên khác, hoặc thêm --replace để ghi đè.",
        "the file {file} exists. Choose another name, or add --replace to overwrite it.",
    ),
    "transfer.error.no_folder": (
        "thư mục {folder} không tồn tại; lệnh không tự tạo nó. Hãy tạo thư mục hoặc sửa đường dẫn.",
        "the folder {folder} does not exist; it is not made for you. Create it or correct the path.",
    ),
    "transfer.error.in_use": (
        "{file} là một cơ sở dữ liệu đang được dùng (có tệp -wal bên cạnh), không phải tệp sao lưu. "
        "Hãy sao chép nó bằng python -m tracker db copy --from sqlite:///… hoặc sao lưu nó bằng lệnh backup.",
        "{file} is a database in use (a -wal file lies beside it), not a backup. "
        "Copy it with python -m tracker db copy --from sqlite:///… or back it up with the backup command.",
    ),
    "transfer.error.wal_unreadable": (
        "những lần lưu mới nhất của {file} nằm trong {journal}, mà tài khoản này không đọc qua được vì không được ghi "
        "vào thư mục đó. Hãy chạy lệnh bằng tài khoản sở hữu tệp, hoặc giao tệp và thư mục cho tài khoản này (chown).",
        "the latest saves in {file} are in {journal}, which this account cannot read through since it may not write "
        "that folder. Run the command as the files' owner, or give this account the files and their folder (chown).",
    ),
    "transfer.error.no_file": ("không có tệp {file}.", "there is no file {file}."),
    "transfer.error.not_a_backup": (
        "{file} không phải là tệp sao lưu của ứng dụng này (cần một tệp SQLite do lệnh backup ghi).",
        "{file} is not a backup of this app (an SQLite file written by the backup command is needed).",
    ),
    "transfer.error.backup_newer": (
        "tệp sao lưu ở phiên bản lược đồ {current}, mới hơn bản này ({head}). Hãy khôi phục bằng bản của ứng dụng đã ghi nó.",
        "the backup is at schema revision {current}, newer than this version ({head}). Restore it with the version of the app that wrote it.",
    ),
    "transfer.error.differs": (
        "sau khi sao chép, các bảng sau không khớp với nguồn: {tables}. Mọi thứ đã được hoàn tác; đích như trước.",
        "after the copy these tables do not agree with the source: {tables}. Everything was undone; the target is as it was.",
    ),
    "transfer.error.totals_differ": (
        "số liệu tổng hợp theo ngày khác với các bản ghi đã sao chép ở {count} ngày. Mọi thứ đã được hoàn tác; "
        "hãy chạy python -m tracker db check --repair trên cơ sở dữ liệu gốc rồi sao chép hoặc sao lưu lại.",
        "the figures kept per day differ from the copied entries on {count} days. Everything was undone; "
        "run python -m tracker db check --repair on the database they came from, then copy or back it up again.",
    ),
    "transfer.error.damaged": (
        "SQLite thấy tệp sao lưu vừa ghi bị hỏng ({detail}); tệp đã bị xoá, không có gì khác thay đổi.",
        "SQLite finds the backup just written damaged ({detail}); it was deleted, and nothing else changed.",
    ),
    # doctor
    "doctor.plan.ok": (
        "Tệp kế hoạch {path}: hợp lệ, {plans} kế hoạch, {targets} chỉ tiêu",
        "Plan file {path}: valid, {plans} plans, {targets} targets",
    ),
    "doctor.plan.wrong": ("Tệp kế hoạch {path}: không hợp lệ: {detail}", "Plan file {path}: not valid: {detail}"),
    "doctor.database.ok": ("Cơ sở dữ liệu {place}: kết nối được", "Database {place}: reachable"),
    "doctor.database.unreachable": (
        "Cơ sở dữ liệu {place}: không kết nối được (máy chủ tắt, sai địa chỉ hoặc không có quyền)",
        "Database {place}: not reachable (the server is down, the address is wrong, or access is refused)",
    ),
    "doctor.database.no_file": (
        "Cơ sở dữ liệu {path}: chưa có tệp (ứng dụng tạo nó ở lần chạy đầu, hoặc chạy {command})",
        "Database {path}: no file yet (the app makes it on its first start, or run {command})",
    ),
    "doctor.schema.ok": ("Lược đồ: phiên bản {head}, mới nhất", "Schema: revision {head}, the latest"),
    "doctor.schema.behind": (
        "Lược đồ: phiên bản {current}, cần nâng cấp lên {head}: {command}",
        "Schema: revision {current}, to be upgraded to {head}: {command}",
    ),
    "doctor.schema.newer": (
        "Lược đồ: phiên bản {current}, mới hơn bản này ({head}): hãy dùng bản mới hơn của ứng dụng",
        "Schema: revision {current}, newer than this version ({head}): use the newer version of the app",
    ),
    "doctor.write.ok": (
        "Quyền ghi: có (một lần ghi thử đã được hoàn tác)",
        "Write access: yes (a test write was rolled back)",
    ),
    "doctor.write.wrong": ("Quyền ghi: không: {detail}", "Write access: no: {detail}"),
    "doctor.space.ok": (
        "Dung lượng trống ở {folder}: {free} MB (cơ sở dữ liệu {size} MB)",
        "Free space in {folder}: {free} MB (the database {size} MB)",
    ),
    "doctor.space.short": (
        "Dung lượng trống ở {folder}: chỉ {free} MB cho cơ sở dữ liệu {size} MB: một lần nâng cấp hay sao lưu cần thêm ít nhất chừng ấy",
        "Free space in {folder}: only {free} MB for a database of {size} MB: an upgrade or a backup needs at least as much again",
    ),
    "doctor.space.server": (
        "Dung lượng trống: do máy chủ PostgreSQL quản lý, không kiểm tra từ đây",
        "Free space: kept by the PostgreSQL server, not checked from here",
    ),
    "doctor.users.ok": (
        "Tài khoản: {users}, trong đó {admins} quản trị viên",
        "Accounts: {users}, of them {admins} administrators",
    ),
    "doctor.users.none": (
        "Tài khoản: chưa có; tạo quản trị viên đầu tiên: python -m tracker user add TÊN --role admin",
        "Accounts: none yet; create the first administrator: python -m tracker user add NAME --role admin",
    ),
    "doctor.users.no_admin": (
        "Tài khoản: {users}, không có quản trị viên nào",
        "Accounts: {users}, and no administrator",
    ),
    "doctor.totals.ok": (
        "Số liệu tổng hợp theo ngày: {days} dòng, khớp khi đếm lại từ các bản ghi",
        "Figures kept per day: {days} rows, agree with a recount of the entries",
    ),
    "doctor.totals.differ": (
        "Số liệu tổng hợp theo ngày: khác với các bản ghi ở {count} ngày ({days} dòng): python -m tracker db check --repair",
        "Figures kept per day: differ from the entries on {count} days ({days} rows): python -m tracker db check --repair",
    ),
    "doctor.fine": ("Mọi thứ đều ổn.", "Everything is fine."),
    "doctor.wrong": ("{count} điều cần sửa (xem các dòng ✗).", "{count} things to fix (see the ✗ lines)."),
}
