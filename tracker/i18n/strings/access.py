"""Roles, sign-in, accounts and the users page."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "access.denied.not_signed_in": (
        "Cần đăng nhập bằng tài khoản biên tập viên để thay đổi số liệu. Chưa có gì được lưu.",
        "Sign in with an editor's account to change figures. Nothing was saved.",
    ),
    "access.denied.expired": (
        "Phiên đăng nhập đã hết hạn hoặc đã đăng xuất; hãy đăng nhập lại. Chưa có gì được lưu.",
        "The session has expired or was signed out; sign in again. Nothing was saved.",
    ),
    "access.denied.no_permission": (
        "Tài khoản của bạn chỉ được xem, không được thay đổi. Chưa có gì được lưu.",
        "Your account may look but not change anything. Nothing was saved.",
    ),
    "access.denied.no_approve": (
        "Chỉ quản trị viên mới được duyệt, khoá hoặc mở lại một kỳ báo cáo. Chưa có gì được lưu.",
        "Only an administrator may approve, lock or reopen a reporting period. Nothing was saved.",
    ),
    "access.denied.no_manage": (
        "Chỉ quản trị viên mới được quản lý người dùng. Chưa có gì được lưu.",
        "Only an administrator may manage users. Nothing was saved.",
    ),
    "access.denied.no_name": (
        "Hãy nhập tên của bạn ở thanh bên trái trước khi lưu. Chưa có gì được lưu.",
        "Type your name in the sidebar before saving. Nothing was saved.",
    ),
    "access.denied.not_this_computer": (
        "Chưa có tài khoản người dùng nào, nên chỉ trình duyệt trên chính máy chủ (mở bằng localhost hoặc 127.0.0.1) "
        "mới được thay đổi số liệu và tạo quản trị viên đầu tiên. Chưa có gì được lưu.",
        "There are no user accounts yet, so only a browser on the server itself (opened at localhost or 127.0.0.1) "
        "may change figures and create the first administrator. Nothing was saved.",
    ),
    "access.denied.bad_name": (
        "Tên ở thanh bên trái có ký tự ẩn (ký tự điều khiển, đảo chiều hoặc không độ rộng) hoặc quá dài; "
        "hãy gõ lại tên. Chưa có gì được lưu.",
        "The name in the sidebar holds a hidden character (a control, direction or zero-width character) or is "
        "too long; type it again. Nothing was saved.",
    ),
    "access.denied.local_closed": (
        "Ứng dụng đã có tài khoản người dùng: hãy đăng nhập để thay đổi số liệu. Chưa có gì được lưu.",
        "The app has user accounts now: sign in to change figures. Nothing was saved.",
    ),
    "access.denied.foreign_page": (
        "Trang này được mở từ một địa chỉ khác với địa chỉ của ứng dụng, nên không được thay đổi số liệu "
        "dưới tên người đã đăng nhập. Hãy mở ứng dụng tại chính địa chỉ của nó. Chưa có gì được lưu.",
        "This page was opened from another address than the app's own, so it may not change figures under "
        "the signed-in person's name. Open the app at its own address. Nothing was saved.",
    ),
    "access.foreign_page": (
        "Trang này được mở từ một địa chỉ khác (cổng, giao thức hoặc tên máy khác) với địa chỉ của ứng dụng: "
        "việc đăng nhập của trình duyệt này không có hiệu lực ở đây, bạn chỉ xem được. "
        "Hãy mở ứng dụng tại chính địa chỉ của nó.",
        "This page was opened from another address (another port, scheme or host name) than the app's own: "
        "this browser's sign-in does not count here, and you can only look. Open the app at its own address.",
    ),
    "access.open_banner": (
        "Chưa có tài khoản người dùng nào: ai dùng máy tính này cũng ghi và sửa được số liệu. "
        "Tạo quản trị viên đầu tiên bằng lệnh `python -m tracker user add admin --role admin` "
        "hoặc ở trang «Người dùng».",
        "There are no user accounts yet: anyone at this computer can record and change figures. "
        "Create the first administrator with `python -m tracker user add admin --role admin` "
        "or on the «Users» page.",
    ),
    "access.open_banner_remote": (
        "Ứng dụng chưa có tài khoản người dùng, nên từ máy khác chỉ xem được. Người quản lý máy chủ hãy tạo "
        "quản trị viên đầu tiên ngay trên máy chủ: `python -m tracker user add admin --role admin`.",
        "The app has no user accounts yet, so from another computer it can only be viewed. Whoever runs the "
        "server: create the first administrator on the server itself: `python -m tracker user add admin --role admin`.",
    ),
    "access.signed_in_as": ("Đã đăng nhập", "Signed in as"),
    "access.sign_out": ("Đăng xuất", "Sign out"),
    "access.sign_in.title": ("Đăng nhập", "Sign in"),
    "access.sign_in.username": ("Tên đăng nhập", "User name"),
    "access.sign_in.password": ("Mật khẩu", "Password"),
    "access.sign_in.button": ("Đăng nhập", "Sign in"),
    "access.sign_in_to_view": (
        "Cần đăng nhập để xem bảng theo dõi này (mục đăng nhập ở thanh bên trái).",
        "Sign in to see this dashboard (the sign-in is in the sidebar).",
    ),
    "access.role.viewer": ("người xem", "viewer"),
    "access.role.editor": ("biên tập viên", "editor"),
    "access.role.admin": ("quản trị viên", "administrator"),
    "access.session_ended_keep": (
        "Phiên đăng nhập đã kết thúc. Những gì bạn đã nhập vẫn còn trên trang: hãy đăng nhập lại (thanh bên trái) rồi bấm Lưu.",
        "Your session has ended. What you typed is still on the page: sign in again (in the sidebar), then press Save.",
    ),
    "access.read_only.viewer": (
        "Tài khoản của bạn chỉ được xem, xuất và in; việc ghi và sửa số liệu cần quyền biên tập viên.",
        "Your account may look, export and print; recording and changing figures needs an editor.",
    ),
    "access.read_only.sign_in": (
        "Bạn đang xem mà chưa đăng nhập. Đăng nhập bằng tài khoản biên tập viên (thanh bên trái) để ghi và sửa số liệu.",
        "You are looking without signing in. Sign in with an editor's account (in the sidebar) to record and change figures.",
    ),
    "users.title": ("Người dùng và quyền", "Users and roles"),
    "users.intro": (
        "Người xem: xem, xuất và in. Biên tập viên: thêm ghi, sửa, xoá, hoàn tác số liệu và cập nhật nhiệm vụ. "
        "Quản trị viên: thêm quản lý người dùng.",
        "Viewer: look, export and print. Editor: also record, edit, delete and revert figures and update tasks. "
        "Administrator: also manage users.",
    ),
    "users.first_admin_at_server": (
        "Chưa có tài khoản nào. Quản trị viên đầu tiên chỉ được tạo ngay trên máy chủ: mở ứng dụng tại "
        "http://localhost:8501 trên chính máy đó, hoặc chạy `python -m tracker user add admin --role admin`.",
        "There are no accounts yet. The first administrator can only be created at the server itself: open the app "
        "at http://localhost:8501 on that computer, or run `python -m tracker user add admin --role admin`.",
    ),
    "users.admins_only": (
        "Chỉ quản trị viên mới xem và quản lý được người dùng. Hãy đăng nhập bằng tài khoản quản trị viên.",
        "Only an administrator can see and manage users. Sign in with an administrator's account.",
    ),
    "users.first_admin": (
        "Chưa có tài khoản nào. Hãy tạo quản trị viên đầu tiên (từ chính máy chủ); sau đó mọi thay đổi đều cần đăng nhập.",
        "There are no accounts yet. Create the first administrator (at the server itself); after that every change needs a sign-in.",
    ),
    "users.none": ("Chưa có người dùng nào.", "No users yet."),
    "users.col.username": ("Tên đăng nhập", "User name"),
    "users.col.name": ("Họ và tên", "Full name"),
    "users.col.role": ("Quyền", "Role"),
    "users.col.created": ("Ngày tạo", "Created"),
    "users.col.sessions": ("Phiên đang mở", "Open sessions"),
    "users.username_help": (
        "2–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.",
        "2–40 characters: lower-case letters without accents, digits, dot, hyphen, underscore.",
    ),
    "users.password": ("Mật khẩu", "Password"),
    "users.password_again": ("Nhập lại mật khẩu", "Password again"),
    "users.password_mismatch": (
        "Hai lần nhập mật khẩu không giống nhau. Chưa có gì được lưu.",
        "The two passwords differ. Nothing was saved.",
    ),
    "users.add.title": ("Thêm người dùng", "Add a user"),
    "users.add.button": ("Thêm", "Add"),
    "users.added": ("Đã thêm người dùng {username} ({role}).", "Added user {username} ({role})."),
    "users.change.title": ("Đổi quyền, đặt lại mật khẩu, xoá", "Change role, reset password, remove"),
    "users.choose": ("Người dùng", "User"),
    "users.role.button": ("Đổi quyền", "Change role"),
    "users.role.saved": ("Đã đổi quyền của {username}.", "Changed the role of {username}."),
    "users.role.unchanged": (
        "Không có gì thay đổi: {username} đã có quyền {role}.",
        "Nothing changed: {username} already has the role {role}.",
    ),
    "users.password.button": ("Đặt lại mật khẩu", "Reset password"),
    "users.password.saved": (
        "Đã đặt lại mật khẩu của {username}; các phiên đăng nhập cũ đã bị đóng.",
        "Reset the password of {username}; their open sessions were closed.",
    ),
    "users.remove.help": (
        "Các thay đổi người này đã làm vẫn giữ nguyên tên họ trong lịch sử.",
        "The changes this person made keep their name in the history.",
    ),
    "users.remove.confirm": ("Tôi chắc chắn muốn xoá {username}", "I am sure I want to remove {username}"),
    "users.remove.button": ("Xoá người dùng", "Remove user"),
    "users.remove.tick_first": (
        "Chưa xoá: hãy đánh dấu ô xác nhận trước khi bấm «Xoá người dùng».",
        "Not removed: tick the confirmation box before pressing «Remove user».",
    ),
    "users.removed": ("Đã xoá người dùng {username}.", "Removed user {username}."),
    "accounts.problem.first_must_be_admin": (
        "tài khoản đầu tiên phải là quản trị viên, để sau đó có người quản lý được người dùng",
        "the first account must be an administrator, so that someone can manage users afterwards",
    ),
    "accounts.problem.not_first": (
        "đã có tài khoản khác; hãy đăng nhập bằng tài khoản quản trị viên để thêm người dùng",
        "another account exists now; sign in as an administrator to add users",
    ),
    "accounts.problem.bad_username": (
        "tên đăng nhập phải dài 2–40 ký tự, chỉ gồm chữ a–z không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang",
        "a user name is 2 to 40 characters long, only letters a–z without accents, digits, dot, underscore or hyphen",
    ),
    "accounts.problem.username_taken": ("đã có người dùng {username}", "there is already a user {username}"),
    "accounts.problem.unknown_user": ("không có người dùng {username}", "there is no user {username}"),
    "accounts.problem.unknown_district": (
        "«{district}» không phải một quận, huyện của Hà Nội",
        "«{district}» is not a district of Hanoi",
    ),
    "accounts.problem.bad_display_name": (
        "họ và tên phải có từ 1 đến {max} ký tự và không chứa ký tự điều khiển hay ký tự ẩn",
        "the full name must be 1 to {max} characters long, without control or invisible characters",
    ),
    "accounts.problem.display_name_taken": (
        "đã có người dùng tên “{name}”; lịch sử ghi thay đổi theo tên, nên hãy thêm gì đó để phân biệt (ví dụ tên phòng)",
        "a user is already called “{name}”; the history records changes by name, so add something to tell them apart (for example the office)",
    ),
    "accounts.problem.password_too_short": (
        "mật khẩu phải có ít nhất {min} ký tự",
        "the password must have at least {min} characters",
    ),
    "accounts.problem.password_too_long": (
        "mật khẩu dài tối đa {max} ký tự",
        "the password may have at most {max} characters",
    ),
    "accounts.problem.password_is_username": (
        "mật khẩu không được trùng với tên đăng nhập",
        "the password must not be the user name",
    ),
    "accounts.problem.password_unreadable": (
        "mật khẩu có ký tự không đọc được; hãy gõ lại bằng bàn phím",
        "the password has characters that cannot be read; type it again on the keyboard",
    ),
    "accounts.problem.passwords_differ": ("hai lần nhập mật khẩu không giống nhau", "the two passwords differ"),
    "accounts.problem.bad_role": (
        "không có quyền “{role}”; hãy chọn viewer (người xem), editor (biên tập viên) hoặc admin (quản trị viên)",
        "there is no role “{role}”; choose viewer, editor or admin",
    ),
    "accounts.problem.bad_language": (
        "ứng dụng chỉ có tiếng Việt (vi) và tiếng Anh (en)",
        "the app speaks Vietnamese (vi) and English (en) only",
    ),
    "accounts.problem.last_admin": (
        "{username} là quản trị viên cuối cùng; hãy cấp quyền quản trị cho người khác trước",
        "{username} is the last administrator; make someone else an administrator first",
    ),
    "accounts.signin.wrong": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    "accounts.signin.paused": (
        "Đăng nhập sai quá nhiều lần. Hãy thử lại sau {time}.",
        "Too many wrong attempts. Try again after {time}.",
    ),
    "accounts.cli.not_done": ("Chưa thực hiện:", "Not done:"),
    "accounts.cli.cancelled": ("Đã huỷ; chưa có gì thay đổi.", "Cancelled; nothing changed."),
    "accounts.cli.password": ("Mật khẩu: ", "Password: "),
    "accounts.cli.password_again": ("Nhập lại mật khẩu: ", "Password again: "),
    "accounts.cli.added": (
        "Đã thêm người dùng {username} ({name}, {role}).",
        "Added user {username} ({name}, {role}).",
    ),
    "accounts.cli.password_set": (
        "Đã đổi mật khẩu của {username}; các phiên đăng nhập của người này đã bị đóng.",
        "Changed the password of {username}; their open sessions were closed.",
    ),
    "accounts.cli.role_set": ("Đã đổi quyền của {username} thành {role}.", "{username} now has the role {role}."),
    "accounts.cli.removed": (
        "Đã xoá người dùng {username}; lịch sử vẫn giữ tên người này ở các thay đổi họ đã làm.",
        "Removed user {username}; the history keeps their name on the changes they made.",
    ),
    "accounts.cli.no_users": (
        "Chưa có người dùng nào: ứng dụng đang mở trên máy này, ai cũng ghi được dưới tên mình tự nhập.",
        "No users yet: the app is open on this computer, and anyone may write under the name they type.",
    ),
    "accounts.cli.col.username": ("Tên đăng nhập", "User name"),
    "accounts.cli.col.name": ("Họ và tên", "Full name"),
    "accounts.cli.col.role": ("Quyền", "Role"),
    "accounts.cli.col.created": ("Ngày tạo", "Created"),
    "accounts.cli.col.sessions": ("Phiên đang mở", "Open sessions"),
}
