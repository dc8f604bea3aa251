"""A target's page, the entries grid and the change history."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "target.title": ("Chỉ tiêu và bản ghi", "Targets and entries"),
    "target.source": ("Câu gốc trong kế hoạch", "The plan's own words"),
    "target.entries": ("Sửa các bản ghi", "Edit the entries"),
    "target.entries_help": (
        "Sửa trực tiếp trong bảng (ngày, số lượng, quận/huyện, làng nghề, ghi chú), thêm dòng ở cuối bảng, chọn dòng rồi bấm biểu tượng thùng rác để xoá. Không có gì được ghi cho đến khi bấm «Lưu tất cả thay đổi»; khi đó mọi thay đổi được lưu cùng lúc, hoặc không thay đổi nào được lưu.",
        "Edit in the table (date, quantity, district, village, note), add rows at the bottom, select rows and press the bin to delete. Nothing is written until «Save all changes»; then every change is saved together, or none is.",
    ),
    "grid.filter.districts": ("Lọc theo quận/huyện", "Filter by district"),
    "grid.filter.all_districts": ("Tất cả quận/huyện", "All districts"),
    "grid.filter.from": ("Từ ngày", "From"),
    "grid.filter.to": ("Đến ngày", "To"),
    "grid.limited": (
        "Chỉ hiện {limit} bản ghi đầu tiên; hãy lọc theo quận/huyện hoặc ngày để xem các bản ghi khác.",
        "Only the first {limit} entries are shown; filter by district or date to see the others.",
    ),
    "grid.quantity_help": (
        "Viết số liền, không dấu phân cách hàng nghìn (30000); số thập phân dùng dấu phẩy hoặc chấm (175,25).",
        "Write the number plainly, without a thousands separator (30000); decimals with a point or a comma (175.25).",
    ),
    "grid.filters_wait": (
        "Bộ lọc mới chỉ áp dụng sau khi lưu hoặc tải lại: bảng đang có thay đổi chưa lưu, và chúng được giữ nguyên.",
        "The new filters apply once you save or reload: the table has unsaved changes, and they are kept.",
    ),
    "grid.keep_mine_help": (
        "«Áp dụng thay đổi của tôi» chỉ ghi các ô bạn đã sửa lên giá trị hiện tại; các ô khác giữ thay đổi của người kia. Bản ghi người khác đã xoá không sửa được nữa — hãy thêm lại thành dòng mới nếu cần.",
        "«Apply my changes» writes only the cells you edited over the current values; the other cells keep the other person's changes. An entry someone else deleted can no longer be edited — add it again as a new row if needed.",
    ),
    "grid.save": ("Lưu tất cả thay đổi", "Save all changes"),
    "grid.reload": ("Tải lại (bỏ các thay đổi chưa lưu)", "Reload (discard unsaved changes)"),
    "grid.saved": (
        "Đã lưu: {added} bản ghi mới, {edited} bản ghi sửa, {deleted} bản ghi xoá.",
        "Saved: {added} new, {edited} edited, {deleted} deleted entries.",
    ),
    "grid.nothing": ("Chưa có thay đổi nào để lưu.", "There are no changes to save."),
    "grid.invalid": (
        "Chưa lưu gì: {count} ô cần sửa. Sửa các ô dưới đây rồi bấm lưu lại; các thay đổi khác của bạn vẫn còn trong bảng.",
        "Nothing was saved: {count} cells need fixing. Fix the cells below and save again; your other changes are still in the table.",
    ),
    "grid.unreadable": (
        "Không đọc được các thay đổi gửi từ bảng (một cột, một dòng hoặc một ngày không có thật). "
        "Chưa có gì được lưu; bảng đã được tải lại, hãy sửa lại.",
        "The changes sent from the grid could not be read (a column, row or date that does not exist). "
        "Nothing was saved; the grid was reloaded, make the changes again.",
    ),
    "grid.col.row": ("Dòng", "Row"),
    "grid.col.column": ("Cột", "Column"),
    "grid.col.problem": ("Vấn đề", "Problem"),
    "grid.col.seen_version": ("Phiên bản bạn đã xem", "Version you saw"),
    "grid.col.current_version": ("Phiên bản hiện tại", "Current version"),
    "grid.col.now": ("Giá trị hiện tại", "Current values"),
    "grid.col.yours": ("Thay đổi của bạn", "Your change"),
    "grid.confirm": (
        "Một số giá trị có vẻ bất thường. Kiểm tra lại rồi xác nhận để lưu:",
        "Some values look unusual. Check them, then confirm to save:",
    ),
    "grid.confirm_save": ("Xác nhận và lưu", "Confirm and save"),
    "grid.back_to_edit": ("Quay lại sửa", "Back to editing"),
    "grid.conflict": (
        "Chưa lưu gì: {count} bản ghi đã được người khác thay đổi sau khi bạn mở bảng. Dưới đây là giá trị hiện tại và thay đổi của bạn; không có gì bị mất.",
        "Nothing was saved: {count} entries were changed by someone else after you opened the table. Below are their current values and your changes; nothing has been lost.",
    ),
    "grid.keep_mine": (
        "Áp dụng thay đổi của tôi lên giá trị hiện tại",
        "Apply my changes on top of the current values",
    ),
    "grid.take_theirs": ("Bỏ thay đổi của tôi, tải lại bảng", "Discard my changes and reload"),
    # Feedback where the eye is (issue 18.8): beside the button pressed, and as a toast.
    "grid.confirm_delete": (
        "Lưu sẽ xoá {count} bản ghi ({entries}). Tiếp tục?",
        "Saving will delete {count} entries ({entries}). Go on?",
    ),
    "grid.confirm_changed": (
        "Bảng đã đổi sau khi bạn được hỏi; chưa lưu gì. Hãy xem lại rồi xác nhận lần nữa.",
        "The table changed after you were asked; nothing was saved. Check again, then confirm.",
    ),
    "history.reverted_button": ("Đã hoàn tác (thay đổi #{new})", "Reverted (change #{new})"),
    "history.superseded": (
        "Bản ghi đã thay đổi sau thay đổi này; chỉ thay đổi mới nhất của một bản ghi mới hoàn tác được.",
        "The entry changed after this change; only an entry's latest change can be reverted.",
    ),
    "history.revert_error.already_reverted": (
        "Thay đổi #{id} đã được hoàn tác rồi; không ghi gì thêm.",
        "Change #{id} has already been reverted; nothing more was written.",
    ),
    "history.title": ("Lịch sử thay đổi", "Change history"),
    "history.intro": (
        "Mọi thay đổi trong sổ: ai, lúc nào, trước và sau. Có thể hoàn tác thay đổi mới nhất của một bản ghi; việc hoàn tác cũng được ghi lại.",
        "Every change to the ledger: who, when, before and after. An entry's latest change can be reverted; the revert is recorded too.",
    ),
    "history.filter.target": ("Chỉ tiêu", "Target"),
    "history.filter.person": ("Người thay đổi", "Changed by"),
    "history.filter.since": ("Từ ngày", "From"),
    "history.filter.until": ("Đến ngày", "To"),
    "history.all": ("Tất cả chỉ tiêu", "All targets"),
    "history.everyone": ("Mọi người", "Everyone"),
    "history.empty": ("Chưa có thay đổi nào khớp với bộ lọc.", "No change matches the filters."),
    "history.limited": (
        "Chỉ hiện {limit} thay đổi gần nhất; dùng bộ lọc để xem các thay đổi cũ hơn.",
        "Only the latest {limit} changes are listed; use the filters to reach older ones.",
    ),
    "history.choose": ("Xem chi tiết thay đổi", "Show the change"),
    "history.change_label": (
        "#{id} · {action} · bản ghi #{entry} · {who}",
        "#{id} · {action} · entry #{entry} · {who}",
    ),
    "history.revert": ("Hoàn tác thay đổi #{id}", "Revert change #{id}"),
    "history.reverted": (
        "Đã hoàn tác thay đổi #{id} (thay đổi mới #{new}).",
        "Reverted change #{id} (new change #{new}).",
    ),
    "history.revert_error.changed_since": (
        "Không hoàn tác được #{id}: bản ghi đã thay đổi sau đó. Hãy hoàn tác các thay đổi mới hơn trước.",
        "Cannot revert #{id}: the entry changed after it. Revert the newer changes first.",
    ),
    "history.revert_error.unknown_change": ("Không có thay đổi #{id}.", "There is no change #{id}."),
    "history.absent": ("(không có / đã xoá)", "(absent / deleted)"),
    "history.action.create": ("Thêm", "Added"),
    "history.action.update": ("Sửa", "Edited"),
    "history.action.delete": ("Xoá", "Deleted"),
    "history.action.revert": ("Hoàn tác", "Reverted"),
    "history.action.revert_of": ("Hoàn tác #{id}", "Revert of #{id}"),
    "history.col.change": ("Thay đổi #", "Change #"),
    "history.col.when": ("Thời điểm", "When"),
    "history.col.who": ("Người thay đổi", "By"),
    "history.col.action": ("Thao tác", "Action"),
    "history.col.entry": ("Bản ghi #", "Entry #"),
    "history.col.before": ("Trước", "Before"),
    "history.col.after": ("Sau", "After"),
    "history.col.field": ("Trường", "Field"),
    "history.col.changed": ("Đổi", "Changed"),
    "target.breakdown": ("Theo quận, huyện, thị xã", "By district"),
    "target.breakdown_chart": ("Biểu đồ", "Chart"),
    "target.breakdown_table": ("Bảng", "Table"),
    "grid.row_entry": ("Bản ghi #{id}", "Entry #{id}"),
    "grid.row_new": ("Dòng mới {n}", "New row {n}"),
    "grid.warn.duplicate": (
        "trùng với một bản ghi đã có (cùng ngày, số lượng, quận/huyện, làng nghề)",
        "repeats an existing entry (same date, quantity, district and village)",
    ),
    "grid.warn.above_goal": (
        "một bản ghi {quantity} lớn hơn cả mục tiêu ({goal})",
        "a single entry of {quantity} is larger than the whole goal ({goal})",
    ),
    "grid.warn.far_date": (
        "ngày {date} cách mọi bản ghi khác của chỉ tiêu hơn {days} ngày",
        "the date {date} is more than {days} days from every other entry of this target",
    ),
    "target.about": ("Kế hoạch nói gì", "What the plan says"),
    "target.agency": ("Cơ quan chủ trì", "Responsible agency"),
    "target.funding": ("Nguồn kinh phí", "Funding"),
    "target.category": ("Lĩnh vực", "Category"),
    "target.as_of": ("Xem tiến độ tính đến ngày", "Progress as of"),
    "target.achieved_in": ("Đã đạt ({unit})", "Achieved ({unit})"),
    "target.source_file": ("Nguồn: {source}", "Source: {source}"),
    "target.not_given": ("(kế hoạch không nêu)", "(not stated in the plan)"),
    "target.figure_no_pace": (
        "Đây là số liệu bối cảnh, không phải chỉ tiêu: không có tiến độ cần đạt.",
        "This is a context figure, not a target: it has no pace to follow.",
    ),
}
