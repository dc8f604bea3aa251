"""An entry that repeats one already recorded: the question on the record form, and the
command line's refusal."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "repeat.same_entry": (
        "Đã có một bản ghi giống hệt (số {id}, do {by} nhập lúc {at}).",
        "An identical entry is already recorded (#{id}, entered by {by} at {at}).",
    ),
    "repeat.question": ("Vẫn lưu?", "Save it anyway?"),
    "repeat.what": (
        "Sẽ lưu thêm: {quantity} {unit} ngày {date}, {district}.",
        "It would add: {quantity} {unit} on {date}, {district}.",
    ),
    "repeat.confirm": ("Vẫn lưu", "Save anyway"),
    "repeat.cancel": ("Không lưu", "Don't save"),
    "repeat.cancelled": ("Đã bỏ, không lưu bản ghi trùng.", "Dropped: the repeated entry was not saved."),
    "repeat.toast": (
        "Bản ghi này giống hệt một bản ghi đã có: xem câu hỏi ngay dưới nút «Lưu bản ghi».",
        "This entry is identical to one already recorded: see the question just below «Save entry».",
    ),
    "repeat.not_saved_toast": ("Chưa lưu: {problems}", "Not saved: {problems}"),
    "repeat.cli_what": (
        "{quantity} {unit} cho «{target}» ngày {date}, {district}.",
        "{quantity} {unit} for «{target}» on {date}, {district}.",
    ),
    "repeat.cli_override": (
        "Nếu đây thực sự là một báo cáo khác, thêm --allow-repeat để vẫn ghi.",
        "If it really is another report, add --allow-repeat to record it anyway.",
    ),
}
