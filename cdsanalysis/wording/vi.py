"""Every word a Vietnamese reader sees: report, index page, workbook, charts, Word, terminal, the district form.

Keys are shared with `cdsanalysis.wording.en` (a test checks it); placeholders in braces are filled by the
content and writer modules. Add a sentence here and in `en.py` under the same key, never in a module of a layer.
"""

WORDS = {
    "province_name": "{All}",
    "date_format": "%d/%m/%Y",
    "sheet_date_format": "DD/MM/YYYY",
    "sheet_footer": "Trang &P/&N",
    "thousands_separator": " ",
    "decimal_separator": ",",
    "percent": "{value}\u00a0%",
    "document_language": "vi-VN",
    "form": {
        "sheet": "Tiến độ",
        "title": "BÁO CÁO TIẾN ĐỘ CHUYỂN ĐỔI SỐ CẤP XÃ",
        "as_of": "(Số liệu tính đến ngày {day}/{month}/{year})",
        "headers": [
            "STT",
            "Đơn vị",
            "Tổng số xã",
            "Số xã được tỉnh công nhận hoàn thành (lũy kế)",
            "Kỳ trước (tham khảo)",
            "Kỳ trước: ngày, loại số liệu",
            "Ghi chú",
        ],
        "total": "Tổng cộng",
        "error_title": "Số không hợp lệ",
        "error": "Nhập số nguyên từ 0 đến tổng số xã của đơn vị.",
        "guide": "Hướng dẫn: điền cột D bằng số xã đã được UBND tỉnh công nhận hoàn thành chuyển đổi số (theo quyết "
        "định công nhận), cộng dồn đến ngày ghi ở dòng 2 (số nguyên, không dùng dấu chấm hay phẩy). Đơn vị chưa báo "
        "cáo: để trống ô, không ghi 0 (0 nghĩa là chưa có xã nào được công nhận). Không sửa tên đơn vị và tiêu đề "
        "cột.",
        "claims": "Số xã {group} tự đánh giá đã hoàn thành nhưng chưa có quyết định công nhận: không cộng vào cột D; "
        "ghi ở cột Ghi chú (hoặc gửi riêng để nhập với --measure claimed).",
        "kinds": {"actual": "chính thức", "claim": "{group} tự báo cáo", "derived": "suy ra",
                  "illustrative": "minh họa"},
    },
    "cli": {"description": "Tiến độ chuyển đổi số và dự báo theo từng đơn vị cấp {group}.",
            "form_written": "đã ghi {path}: các {group} điền cột D (số xã được tỉnh công nhận, lũy kế; {group} chưa "
            "báo cáo để trống, không ghi 0), rồi nhập bằng 'cdsanalysis import {path} --out THƯ_MỤC_SỐ_LIỆU'",
            "more_warnings": "… và {n} cảnh báo khác (Dataset.warnings() liệt kê đủ)"},
    "console": {
        "standing_title": "Số xã hoàn thành chuyển đổi số, số liệu đến {date}",
        "standing_columns": ["mã", "đơn vị", "đã hoàn thành", "tỷ lệ", "ngày số liệu", "loại số liệu"],
        "standing_note_column": "ghi chú",
        "standing_note": "Lưu ý: các dòng ghi 'minh họa' là số liệu minh họa để lấp chỗ trống trong số "
        "liệu công bố (xem data/README.md); đây không phải số liệu chính thức.",
        "columns": {
            "code": "mã",
            "district": "đơn vị",
            "completed": "đã hoàn thành",
            "deadline": "thời hạn",
            "target": "mục tiêu",
            "kind": "loại",
            "p_meet": "khả năng đạt",
            "status": "trạng thái",
            "target_on": "mục tiêu {date}",
        },
    },
    "report": {
        "heading": "Báo cáo dự báo chuyển đổi số: {name}",
        "as_of": "Số liệu đến ngày {date}",
        "illustrative_title": "Lưu ý: báo cáo này dùng số liệu minh họa, không phải số liệu chính thức.",
        "illustrative_items": {
            "progress": "số xã hoàn thành của đơn vị ({n} trong {m} mốc số liệu là minh họa)",
            "targets": "mục tiêu của đơn vị ({n} trong {m} mục tiêu là phân bổ minh họa)",
            "model": "mô hình được ước lượng chung cho cả {top} trên số liệu có phần minh họa",
        },
        "illustrative_end": "Các con số dưới đây minh họa phương pháp; không dùng làm kết luận về đơn vị này.",
        "official": "Mọi số liệu trong báo cáo có nguồn (chính thức, do {group} báo cáo hoặc suy ra từ nguồn).",
        "standing": "Hiện trạng",
        "standing_line": "{done}/{total} xã đã hoàn thành chuyển đổi số ({share}), theo số liệu ngày {date} ({kind}).",
        "claim_line": "{Group} tự báo cáo {claimed} xã hoàn thành (ngày {date}); đến ngày đó tỉnh đã công nhận "
        "{recognised} xã (chênh {gap} xã). Dự báo chỉ dựa trên số xã được tỉnh công nhận.",
        "remaining_line": "Còn {n} xã chưa có quyết định công nhận: {names}.",
        "remaining_none": "Mọi xã của đơn vị đã có quyết định công nhận.",
        "interval_line": "Đến {date}, {place} dự kiến có {median} xã hoàn thành (trung vị); khoảng 80 % (4 "
        "trên 5 khả năng): từ {lower} đến {upper} xã.",
        "wide_province": "Khoảng này rộng vì việc công nhận diễn ra theo từng đợt chung của cả {top}: một đợt "
        "có thể thêm hoặc hụt hàng chục xã, và xu hướng mới chỉ dựa trên {periods} mốc số "
        "liệu nửa năm.",
        "wide_district": "Khoảng này rộng vì việc công nhận diễn ra theo từng đợt chung của cả {top} (một đợt "
        "có thể thêm hoặc hụt hàng chục xã trong {all}, và đơn vị nào cũng chịu ảnh "
        "hưởng) và xu hướng mới chỉ dựa trên {periods} mốc số liệu nửa năm.",
        "wide_district_own": "Khoảng này rộng vì việc công nhận diễn ra theo từng đợt chung của cả {top} (một "
        "đợt có thể thêm hoặc hụt hàng chục xã trong {all}, và đơn vị nào cũng chịu ảnh hưởng) và đơn vị này "
        "mới có số liệu ở {own} trong {periods} nửa năm có số liệu.",
        "backlog_line": "Từ {date} đến nay ({months} tháng) chưa có xã nào được công nhận thêm: một nửa số kịch "
        "bản coi các xã đã sẵn sàng trong thời gian này sẽ được công nhận ở đợt tới, nửa kia coi nhịp chậm này là "
        "nhịp mới.",
        "province_place": "{all}",
        "trajectory": "Quỹ đạo và dự báo",
        "targets": "Khả năng đạt mục tiêu",
        "pace": "Tốc độ hiện tại và tốc độ cần thiết",
        "no_future_target": "Mọi hạn trong dữ liệu đã qua: không còn mục tiêu nào sau ngày {as_of} để tính xác suất "
        "đạt. Bảng dưới cho kết quả từng hạn theo số liệu đã ghi nhận; thêm mục tiêu mới vào targets.csv để có dự "
        "báo đạt hay không.",
        "pace_intro": "Ghi chú về nhịp độ chỉ so sánh tốc độ 12 tháng gần nhất với tốc độ cần thiết; đánh giá "
        "của mục tiêu là cột “Đánh giá” ở bảng trên.",
        "province": "{All}",
        "back": "← Về trang tổng hợp (index.html)",
        "baselines": "So sánh với các phương pháp đơn giản",
        "method": "Ghi chú phương pháp",
        "data_kind": {
            "actual": "chính thức",
            "claim": "{group} tự báo cáo",
            "derived": "suy ra từ nguồn",
            "illustrative": "minh họa",
        },
        "target_kind": {"commune_quota": "chỉ tiêu số xã", "all_communes": "toàn bộ số xã"},
        "target_status": {"target": "chính thức", "illustrative": "minh họa"},
        "columns": {
            "deadline": "Hạn",
            "target": "Mục tiêu (lũy kế)",
            "kind": "Loại mục tiêu",
            "target_status": "Nguồn mục tiêu",
            "p_meet": "Xác suất đạt",
            "expected": "Dự báo (trung bình)",
            "forecast": "Dự báo tại hạn: trung vị (khoảng 80 %)",
            "interval": "Khoảng 80 %",
            "status": "Đánh giá",
            "pace_note": "Ghi chú về nhịp độ",
            "current_pace": "Tốc độ hiện tại (xã/tháng)",
            "required_pace": "Tốc độ cần thiết (xã/tháng)",
            "pace_ratio": "Tỷ số tiến độ",
            "ratio_label": "Đánh giá theo tỷ số",
            "model": "Dự báo mô hình (trung vị)",
            "linear": "Xu hướng tuyến tính",
            "last": "Giữ nguyên số hiện tại",
            "model_meets": "Mô hình: xác suất đạt",
            "steady_meets": "Nếu giữ tốc độ hiện nay: xác suất đạt",
            "linear_meets": "Tuyến tính: đạt?",
            "last_meets": "Giữ nguyên: đạt?",
            "item": "Chỉ số",
            "value": "Giá trị",
        },
        "yes": "đạt",
        "no": "không đạt",
        "items": {
            "completed": "Đã hoàn thành",
            "total": "Tổng số xã",
            "share": "Tỷ lệ",
            "observed_on": "Ngày số liệu",
            "kind": "Loại số liệu",
            "remaining": "Còn lại",
        },
        "method_notes": [
            "Cách dự báo: tỉnh công nhận xã theo từng đợt, nên mô hình chỉ đọc tốc độ hoàn thành qua "
            "từng nửa năm (không đọc một tháng có đợt công nhận thành tốc độ đều); phần đã được công "
            "nhận từ đầu nửa năm đến nay được giữ nguyên, phần còn lại của nửa năm được mô phỏng. Tốc độ "
            "được ước lượng chung cho cả {top}, mỗi đơn vị có mức riêng được kéo về mức chung; mỗi nửa "
            "năm có một mức dao động chung cho cả {top} (đợt công nhận nhiều hay ít): một nửa số kịch bản "
            "coi dao động đó là nhất thời, nửa còn lại coi nhịp của nửa năm gần nhất là kéo dài rồi tiếp "
            "tục dao động; cuối năm thường "
            "dồn nhiều hơn; và những xã còn lại sau cùng thường là xã khó nhất, nên càng gần đích càng "
            "chậm.",
            "Xu hướng tăng hay giảm tốc của số liệu đã có được kéo dài, nhưng mỗi kịch bản dừng xu hướng "
            "sau một thời gian ngẫu nhiên (trung bình một năm), và độ bất định của xu hướng được giữ lại: "
            "xu hướng chỉ dựa trên vài nửa năm số liệu, nên khoảng dự báo xa rất rộng. Cột “Nếu giữ tốc "
            "độ hiện nay” cho biết xác suất đạt khi tốc độ chỉ giữ nguyên như hiện nay.",
            "Dự báo gồm {draws} kịch bản mô phỏng; trung vị và các khoảng 50 %, 80 % lấy từ các kịch bản "
            "đó. Xác suất đạt = tỷ lệ kịch bản đạt mục tiêu vào ngày hạn. Đơn vị có số liệu cũ được mô "
            "phỏng từ ngày số liệu của chính đơn vị đó.",
                        "Đánh giá: đúng tiến độ khi xác suất đạt ≥ {on_track}, có nguy cơ khi ≥ {at_risk}, "
            "chậm tiến độ khi thấp hơn; mục tiêu đã qua hạn được đánh giá theo số liệu ghi nhận "
            "đến ngày hạn (đạt sau hạn: “đạt muộn”).",
            "Tốc độ hiện tại: số xã hoàn thành thêm mỗi tháng trong 12 tháng số liệu gần nhất. "
            "Tốc độ cần thiết: số xã còn thiếu chia cho số tháng đến hạn. Tỷ số tiến độ = hiện "
            "tại / cần thiết và ghi chú về nhịp độ: từ 0,95 “nhịp hiện tại đủ”, 0,60–0,95 “cần "
            "nhanh hơn”, dưới 0,60 “nhịp quá chậm” (một ghi chú, không phải đánh giá thứ hai).",
            "Các phương pháp đơn giản: xu hướng tuyến tính của số lũy kế (như FORECAST.LINEAR của "
            "Excel) và giữ nguyên số hiện tại. Công nhận thường đến sau khi xã hoàn thành, nên số "
            "liệu có thể thấp hơn thực tế ở thời điểm hạn.",
        ],
    },
    "ratio": {
        "on_track": "Nhịp hiện tại đủ",
        "acceleration_needed": "Cần nhanh hơn",
        "limited_progress": "Nhịp quá chậm",
        "deterioration": "Số liệu giảm",
        "not_applicable": "—",
    },
    "status": {
        "achieved": "Đã đạt",
        "achieved_late": "Đạt muộn",
        "on_track": "Đúng tiến độ",
        "at_risk": "Có nguy cơ",
        "off_track": "Chậm tiến độ",
        "missed": "Không đạt",
        "no_figure": "Không có số liệu tại hạn",
        "beyond_horizon": "Ngoài tầm dự báo",
        "closed": "Đã đóng do sáp nhập",
        "insufficient_data": "Thiếu dữ liệu",
    },
    "index": {
        "title": "Dự báo chuyển đổi số cấp xã theo đơn vị cấp {group} — số liệu đến {as_of}",
        "rank": "Hạng",
        "district": "Đơn vị",
        "completed": "Đã hoàn thành",
        "target": "Mục tiêu {d}",
        "p": "Xác suất đạt",
        "status": "Đánh giá",
        "province": "{All}",
        "province_heading": "{All}: quỹ đạo và dự báo",
        "province_failed": "Không tạo được báo cáo {all}: {error}",
        "failed": "Lỗi: không tạo được báo cáo",
        "ranking_heading": "Xếp hạng các đơn vị",
        "ranking": "Xếp hạng theo xác suất đạt mục tiêu {d} (cao xuống thấp). Bấm vào tên để xem báo cáo.",
        "files": "Tệp: province.html (báo cáo {all}), summary.xlsx (bảng tổng hợp), summary.csv, run.json "
        "(thông số lần chạy), snapshot.json (để so sánh với lần chạy sau).",
        "illustrative": "⚠️ Lưu ý: nhiều số liệu tiến độ và mục tiêu cấp {group} là số liệu minh họa (không chính "
        "thức). Các báo cáo minh họa phương pháp; không dùng làm kết luận về từng đơn vị.",
        "changes_heading": "Thay đổi so với lần chạy trước",
        "changes_none": "Chưa có lần chạy trước để so sánh: đây là lần đầu tạo báo cáo trong thư mục này.",
        "changes_basis": "So với lần chạy có số liệu đến {date} (thư mục {folder}).",
        "changes_nothing": "Không có gì thay đổi: số liệu, đánh giá và xác suất (chênh từ 10 điểm) như lần trước.",
        "changes_problem": "Không so sánh được với lần chạy trước: {problem}",
        "change_kinds": {
            "data_new": "Số liệu mới",
            "data_changed": "Số liệu được sửa",
            "data_removed": "Số liệu bị thay/bỏ",
            "status": "Đánh giá thay đổi",
            "chance": "Xác suất đổi từ 10 điểm",
        },
        "change_columns": ("Thay đổi", "Đơn vị", "Mốc", "Mục tiêu", "Trước", "Sau", "Lý do"),
        "unit_columns": {
            "latest": "Số liệu mới nhất",
            "last_deadline": "Hạn đã qua gần nhất",
            "shortfall": "Còn thiếu cho mục tiêu tới ({unit})",
            "pace_needed": "Tốc độ cần ({unit}/tháng)",
            "current_pace": "Tốc độ hiện nay ({unit}/tháng)",
        },
        "last_deadline_cell": "{status}: mục tiêu {target} (hạn {date})",
        "no_past_deadline": "chưa có hạn nào qua",
        "shortfall_by": "{n} (đến {date})",
        "round_behind": "{date}; {n} đơn vị chưa có số liệu kỳ này",
        "no_future_target": "Không còn mục tiêu nào sau ngày {as_of}: mọi hạn trong dữ liệu đã qua. Bảng cho kết "
        "quả của hạn đã qua gần nhất; thêm mục tiêu mới vào targets.csv để có xác suất đạt.",
    },
    "workbook": {
        "overview": "Tổng hợp",
        "detail": "Chi tiết",
        "changes": "Thay đổi",
        "notes": "Ghi chú",
        "title": "Dự báo chuyển đổi số cấp xã theo đơn vị cấp {group} — số liệu đến {as_of}",
        "changes_title": "Thay đổi so với lần tạo báo cáo trước — số liệu đến {as_of}",
        "official": "Mọi số liệu trong bảng có nguồn (chính thức, do {group} báo cáo hoặc suy ra từ nguồn).",
        "deadline": "Hạn {date}",
        "target": "Mục tiêu",
        "p_meet": "Xác suất đạt",
        "status": "Đánh giá",
        "province": "{All}",
        "report": {"ok": "đã tạo", "failed": "lỗi"},
        "none": "—",
        "past": "Các hạn đã qua",
        "past_line": "{date} (mục tiêu {target}): {status}",
    },
    "workbook_notes": [
        'Trang "Tổng hợp": mỗi dòng là một đơn vị (dòng đầu: {all}); số {unit} còn thiếu và tốc độ cần ({unit}/tháng) '
        "cho hạn tới, bên cạnh tốc độ hiện nay; với mỗi hạn còn tới: mục tiêu (số {unit} lũy kế), xác suất đạt và "
        'đánh giá. Các hạn đã qua gộp vào một cột "Các hạn đã qua": mỗi hạn một dòng, đánh giá theo số liệu '
        "đã ghi nhận (không còn xác suất).",
        'Trang "Chi tiết": mỗi dòng là một mục tiêu của một đơn vị. Xác suất đạt = tỷ lệ đường mô '
        "phỏng đạt mục tiêu vào ngày hạn, ghi từ 0 đến 1.",
        "Đánh giá: Đã đạt; Đạt muộn (đạt sau ngày hạn); Đúng tiến độ (xác suất ≥ {on_track}); Có nguy "
        "cơ (≥ {at_risk}); Chậm tiến độ (thấp hơn); Không đạt (đã qua hạn mà chưa đạt); Ngoài tầm dự "
        "báo (hạn sau kỳ dự báo); Thiếu dữ liệu (chưa có số liệu của đơn vị); Không có số liệu tại hạn (đã qua "
        "hạn nhưng không có số liệu ghi nhận đến ngày hạn, nên không kết luận đạt hay không).",
        'Số liệu và mục tiêu ghi "minh họa" là số liệu giả định để bù chỗ thiếu trong nguồn công khai, '
        "không phải số liệu chính thức.",
        "Tên bắt đầu bằng =, +, -, @ được ghi như chữ (không phải công thức), để tệp an toàn khi mở.",
    ],
    "workbook_columns": {
        "district_code": "Mã đơn vị",
        "district_name": "Đơn vị",
        "communes_total": "Tổng số xã",
        "completed": "Đã hoàn thành",
        "data_status": "Loại số liệu",
        "latest_date": "Ngày số liệu",
        "freshness": "Tình trạng số liệu",
        "deadline": "Hạn",
        "target": "Mục tiêu (lũy kế)",
        "kind": "Loại mục tiêu",
        "target_status": "Nguồn mục tiêu",
        "p_meet": "Xác suất đạt (0–1)",
        "expected": "Dự báo (trung bình)",
        "median": "Dự báo (trung vị)",
        "lower": "Cận dưới 80 %",
        "upper": "Cận trên 80 %",
        "current_pace": "Tốc độ hiện tại (xã/tháng)",
        "required_pace": "Tốc độ cần thiết (xã/tháng)",
        "pace_ratio": "Tỷ số tiến độ",
        "status": "Đánh giá",
        "report": "Báo cáo",
        "html": "Tệp báo cáo",
        "error": "Lỗi",
        "next_deadline": "Hạn tới",
        "shortfall": "Còn thiếu cho hạn tới ({unit})",
        "pace_needed_per_month": "Tốc độ cần cho hạn tới ({unit}/tháng)",
        "last_deadline": "Hạn đã qua gần nhất",
        "last_target": "Mục tiêu hạn đã qua gần nhất",
        "last_deadline_result": "Kết quả hạn đã qua gần nhất",
    },
    "chart": {
        "date": "Thời điểm",
        "completed": "Số xã đã hoàn thành (lũy kế)",
        "communes": "số xã",
        "series": "Chú giải",
        "observed": "Số liệu",
        "observed_claim": "Số liệu ({group} tự báo cáo)",
        "observed_illustrative": "Số liệu (minh họa)",
        "median": "Dự báo (trung vị)",
        "band50": "Khoảng dự báo 50 %",
        "band80": "Khoảng dự báo 80 %",
        "target": "Mục tiêu",
        "target_illustrative": "Mục tiêu (minh họa)",
        "required": "Lộ trình cần đạt",
        "total": "Tổng số xã",
        "district": "Đơn vị",
        "share": "Tỷ lệ hoàn thành",
        "next_target": "Mục tiêu kỳ tới",
        "status": "Loại số liệu",
        "deadline": "Hạn",
        "value": "Giá trị",
        "lower": "Cận dưới",
        "upper": "Cận trên",
        "trajectory_title": "{name}: số xã hoàn thành chuyển đổi số",
        "trajectory_subtitle": "Số liệu đến {as_of}; dự báo từ {draws} kịch bản mô phỏng",
        "illustrative_subtitle": "Có dùng số liệu minh họa, không phải số liệu chính thức",
        "overview_title": "Tiến độ của các đơn vị cấp {group} đến {as_of}",
        "overview_subtitle": "Xanh đậm: số xã đã hoàn thành; nền xám: tổng số xã; vạch đỏ: mục tiêu {deadline}",
        "history_title": "Diễn biến của đơn vị được chọn",
    },
    "document": {
        "page": "Trang ",
        "of": "/",
        "figure": "Hình: {title}",
        "made_by": "Tạo bởi cdsanalysis từ số liệu đến ngày {date}; có thể chỉnh sửa trước khi gửi.",
    },
    "plot": {
        "predicted": "Xác suất dự báo",
        "observed_freq": "Tần suất thực tế",
        "model": "Mô hình",
        "count": "Số trường hợp",
        "calibration_title": "Hiệu chuẩn: xác suất dự báo so với thực tế",
        "nominal": "Mức tin cậy danh nghĩa của khoảng dự báo",
        "covered": "Tỷ lệ số liệu thực tế nằm trong khoảng",
        "coverage_title": "Độ phủ của khoảng dự báo: danh nghĩa so với thực tế",
    },
    "provenance": {
        "note": "Lưu ý: {what} là số liệu minh họa (illustrative), được tạo ra để lấp chỗ trống trong số "
        "liệu công bố; đây không phải số liệu chính thức. Xem data/README.md.",
        "progress": "tiến độ của {n} {group}",
        "province": "số liệu tiến độ của {all}",
        "targets": "{n} chỉ tiêu",
        "and": " và ",
    },
    "freshness": {
        "no_figure_since": "chưa có số liệu mới từ {date}",
        "no_figure_yet": "chưa có số liệu",
    },
    "current": {
        "units": "Số liệu mới nhất của từng đơn vị",
        "part": "{n} đơn vị đến {date}",
        "part_missing": "{n} đơn vị chưa có số liệu",
        "separator": ", ",
        "province_sum": "{done}/{total} xã đã hoàn thành chuyển đổi số ({share}) = tổng số mới nhất của các đơn "
        "vị: {parts} (loại số liệu: {kind}).",
        "official_beside": "Số chính thức mới nhất của {all}: {done} xã, ngày {date} ({kind}).",
        "official_above": "{done}/{total} xã đã hoàn thành chuyển đổi số ({share}), theo số chính thức của {all} "
        "ngày {date} ({kind}); tổng số mới nhất của các đơn vị chỉ là {sum} ({parts}).",
        "summary_sum": "tổng số mới nhất của các đơn vị: {parts}",
        "summary_official": "; số chính thức của {all}: {done} (ngày {date})",
        "behind": "{since}: đợt báo cáo gần nhất (ngày {round}) không có số liệu của đơn vị này; các con số "
        "dưới đây tính từ số liệu cũ đó.",
        "chart_province": "{n} đơn vị chưa có số liệu mới được dự báo từ ngày số liệu của chính đơn vị: những "
        "xã có thể đã được công nhận ở các đơn vị đó từ ngày ấy đến {round} được tính vào dự báo, nên dự báo "
        "tại {round} có thể cao hơn {done} (điểm số liệu cuối cùng trên biểu đồ).",
        "chart_district": "Dự báo của đơn vị bắt đầu từ số liệu ngày {date}; các tháng từ đó đến {round} được "
        "mô phỏng, nên dự báo tại {round} có thể cao hơn {done}.",
    },
    "movement": {
        "own": "số liệu mới của đơn vị: {sources}",
        "others": "không có số liệu mới; tốc độ chung của {top} thay đổi do số liệu mới của {sources}",
        "province": "tổng của các đơn vị thay đổi do số liệu mới của {sources}",
        "as_of": "không có số liệu mới; ngày tính đổi từ {before} sang {after}",
        "model": "mô hình dự báo khác lần trước ({before} → {after}): xác suất có thể đổi cả khi số liệu "
        "không đổi",
        "none": "không có số liệu mới; cách tính (số kịch bản, mô hình) khác lần trước",
        "source": "{name} ({date})",
        "more": "và {n} đơn vị khác",
        "separator": ", ",
    },
    "stale_note": "Cảnh báo: số liệu mới nhất là ngày {latest}, cũ hơn {months} tháng so với ngày tính {as_of}; các "
    "con số dưới đây là tình hình tại {latest}, không phải hiện tại. Hãy nhập số liệu mới (cdsanalysis "
    "import) trước khi dùng.",
    "cli_illustrative": "Lưu ý: bảng trên dùng số liệu minh họa (illustrative), không phải số liệu chính thức; xem "
    "data/README.md và từng báo cáo.",
    "render_run": {
        "not_a_run_folder": "{folder}: không phải thư mục báo cáo do cdsanalysis render tạo (không có dấu {marker} "
            "hợp lệ), nên không bị thay; không động đến gì. Chuyển thư mục đi chỗ khác (hoặc chọn --out khác), rồi "
            "chạy lại",
        "foreign_entries": "{folder}: có những mục mà render không ghi ({names}), nên không bị thay; không động đến "
            "gì. Chuyển các mục đó ra khỏi thư mục (hoặc chọn --out khác), rồi chạy lại",
        "inside_run": "{root}: nằm trong thư mục báo cáo {run} của một lần chạy trước; chưa ghi gì. Cho --out là thư "
            "mục chứa các thư mục báo cáo theo ngày (ví dụ --out {parent}) hoặc một thư mục khác",
        "nested_busy": "{root}: một lần render khác đang ghi vào {other}, thư mục chứa thư mục này; chờ lần đó xong "
            "hoặc chọn --out ở ngoài",
        "all_failed": "không làm được báo cáo cho {group} nào ({n} trong {n} lỗi), nên {folder} được giữ nguyên. Lý "
            "do: {why}",
        "file_handles": "phiên làm việc này chỉ cho một chương trình mở {limit} tệp cùng lúc (ulimit -n) và không "
            "tăng được; chạy với {jobs} tiến trình cần {need}. Chưa ghi gì. Tăng giới hạn (ulimit -n {need} hoặc "
            "hơn), rồi chạy lại",
        "deadline": "không xong trong {seconds:.0f} giây trên cả {tries} tiến trình (mỗi tiến trình ngừng trả lời "
            "hoặc bị treo, và đã rời cụm); thời hạn cho mỗi {group} là DISTRICT_DEADLINE_SECONDS trong "
            "cdsanalysis/settings.py",
        "too_many_files": "tiến trình đã hết số tệp được mở (ulimit -n {limit}); tăng giới hạn (ulimit -n 4096) "
            "hoặc chạy với ít --jobs hơn",
    },
    "import_history": {
        "waiting": "{folder}: một lệnh nhập khác đang ghi vào thư mục này; đang chờ lệnh đó xong…",
        "busy": "{folder}: một lệnh nhập khác vẫn đang ghi vào thư mục này sau {seconds:.0f} giây chờ; không ghi "
            "gì. Chờ lệnh đó xong rồi chạy lại",
        "nothing_to_undo": "{folder}: không có phiên bản trước nào của progress.csv để khôi phục (thư mục "
            "{history} trống hoặc "
            "chưa có)",
        "undone": "đã khôi phục {target} từ {version} (phiên bản trước lần ghi lúc {when}); bản vừa bị thay được giữ "
            "ở {kept}",
        "kept": "phiên bản trước được giữ ở {version} (hoàn tác: cdsanalysis import --undo --out {folder})",
    },
    "import_summary": {
        "added": "đã thêm {n} dòng:",
        "would_add": "sẽ thêm {n} dòng:",
        "corrected": "đã sửa {n} dòng (cũ → mới):",
        "would_correct": "sẽ sửa {n} dòng (cũ → mới):",
        "unchanged": "{n} dòng không đổi (đã có trong progress.csv, cùng số liệu):",
        "replaced": "đã thay {n} dòng, {k} dòng trong đó là số liệu minh họa:",
        "would_replace": "sẽ thay {n} dòng, {k} dòng trong đó là số liệu minh họa:",
        "and_more": "… và {n} đơn vị nữa",
        "not_reported": "{n} {group} không báo cáo cho ngày {date} (ô số liệu để trống, bỏ qua): {names}",
        "nothing": "không có gì để ghi: mọi dòng của biểu mẫu đã có trong {path} với cùng số liệu",
        "dry_run": "(chạy thử: không ghi gì)",
        "note": "ghi chú",
        "province": "{all}",
        "status": {
            "actual": "chính thức",
            "claim": "{group} tự báo cáo",
            "derived": "suy ra",
            "illustrative": "minh họa",
        },
    },
    "measures": {
        "names": {
            "recognised": "đã được tỉnh công nhận (theo quyết định của UBND tỉnh)",
            "claimed": "{group}/xã tự báo cáo hoàn thành (chưa có quyết định công nhận)",
            "registered": "đăng ký hoàn thành trong năm (đợt của năm)",
        },
        "gap": "cảnh báo: {district} tự báo cáo {claimed} xã hoàn thành ngày {claim_date}, nhưng đến "
            "{recognised_date} tỉnh mới công nhận {recognised} xã (chênh {gap} xã sau hơn {days} ngày); số liệu "
            "vẫn được nhận, hãy kiểm tra với {group}",
    },
    "recognitions": {
        "basis_date": "theo ngày quyết định công nhận",
        "basis_year": "theo năm được tính (năm ghi trong quyết định)",
        "basis_mixed": "theo năm được tính; {n} xã chỉ có ngày quyết định (tính vào năm của quyết định)",
        "basis_decision_only": "chỉ có ngày quyết định: năm được tính chưa biết, tính theo năm của quyết định",
        "mismatch": "cảnh báo: {file}, dòng của {who} ngày {date}: ghi {typed} xã được công nhận, nhưng {records} ghi "
            "{derived} xã có quyết định đến ngày đó; sửa một trong hai",
    },
    "decision_import": {
        "added": "đã thêm {n} xã được công nhận (quyết định {decision} ngày {date}, tính cho năm {year}):",
        "would_add": "sẽ thêm {n} xã được công nhận (quyết định {decision} ngày {date}, tính cho năm {year}):",
        "district": "    - {district}: {n} xã ({names}); nay đã công nhận {total}/{communes}, còn {left} xã",
        "kept": "bản trước của {name} được giữ ở {version} (hoàn tác: cdsanalysis import-decision --undo --out "
            "{folder})",
        "created": "đã tạo {path} (hoàn tác: cdsanalysis import-decision --undo --out {folder})",
        "dry_run": "(chạy thử: không ghi gì)",
        "year_unknown": "chưa biết",
    },
    "decision_number_example": "1234/QĐ-UBND",
    # Các dòng của chính dòng lệnh (cdsanalysis/cli.py), theo ngôn ngữ chọn bằng --lang.
    "command": {
        "help_lang": "ngôn ngữ của mọi thông báo lệnh in ra, vi hoặc en (mặc định: biến môi trường {variable}, nếu "
            "không có thì {default})",
        "help_lang_render": "ngôn ngữ của báo cáo và của mọi thông báo lệnh in ra, vi hoặc en (mặc định: biến môi "
            "trường {variable}, nếu không có thì {default})",
        "bad_lang": "ngôn ngữ phải là một trong {langs}, không phải {text!r}",
        "what_data": "thư mục số liệu",
        "what_restore": "thư mục cần khôi phục",
        "what_import": "thư mục nhận số liệu",
        "what_form": "biểu mẫu cần nhập (TỆP.xlsx)",
        "what_decision": "danh sách của quyết định (TỆP.xlsx hoặc TỆP.csv)",
        "not_folder": "{value}: không phải thư mục; hãy chỉ ra {what}",
        "no_folder": "{value}: không có {what} này (thư mục không tồn tại)",
        "or": " hoặc ",
        "file_suffix": "{value}: đặt tên tệp có đuôi {suffixes}",
        "no_parent": "{value}: thư mục {folder} không tồn tại; hãy tạo trước (chương trình không tạo gì ngoài các thư "
            "mục bạn chỉ ra)",
        "whole": "phải là số nguyên, nhận được {text!r}",
        "between": "từ {low} đến {high}",
        "at_least": "từ {low} trở lên",
        "whole_bound": "phải là số nguyên {bound}, nhận được {text!r}",
        "valid": "{directory}: hợp lệ — {n_groups} đơn vị cấp {group}, {communes} xã, {progress} dòng tiến độ, "
            "{targets} mục tiêu",
        "behind": "{n} trong {total} {group} chưa có số liệu của đợt mới nhất ({date}); dòng của các {group} này ghi "
            "ngày "
            "của số liệu mới nhất của chính {group} đó",
        "undo_alone": "--undo khôi phục {stem}.csv trước đó của --out; không ghi tên tệp và không dùng --dry-run",
        "give_file": "hãy chỉ ra {what}, hoặc dùng --undo để khôi phục {stem}.csv trước đó",
        "read_only": "{folder}: thư mục chỉ đọc; chưa ghi gì",
        "import_head": "{file}, trang {sheet}:",
        "no_targets": "{path} không có dòng nào: không có mục tiêu để đánh giá; thêm các mục tiêu (mỗi {group}, mỗi "
            "thời hạn và mỗi loại một dòng)",
        "forecast_head": "Dự báo ({model}, {draws} đường mô phỏng, seed {seed}) tính từ ngày {date}; P(đạt) = tỷ lệ "
            "đường mô phỏng đạt mục tiêu trước thời hạn",
        "wrote": "đã ghi {path}",
        "out_not_empty": "--out {out} đã có {names}; chọn một thư mục trống hoặc thư mục mới",
        "too_few_communes": "--communes {communes} không đủ cho {n_groups} {group} (mỗi {group} ít nhất một xã)",
        "synthetic": "đã ghi thư mục số liệu giả lập vào {folder}: {n_groups} {group}, seed {seed} (số liệu bịa, mọi "
            "dòng ghi là minh họa; xem README.md trong thư mục)",
        "no_districts": "{option} không nêu {group} nào: ghi mã hoặc tên, cách nhau bằng dấu phẩy, hoặc bỏ tùy chọn "
            "này để làm báo cáo cho mọi {group}",
        "interrupted": "cdsanalysis render: đã dừng; chưa ghi gì (các báo cáo đã có trong thư mục kết quả giữ "
            "nguyên)",
        "render_os_error": "{where}: {why}; chưa ghi gì (các báo cáo đã có trong thư mục kết quả giữ nguyên)",
        "updated": "đã cập nhật {n} {group} ({names}) trong {out}; {kept} {group} còn lại giữ từ lần làm báo cáo trước "
            "với cùng số liệu và tham số ({done} trong {total} thành công), trong {seconds:.1f} giây",
        "rendered": "đã làm báo cáo cho {done} trong {total} {group} vào {out} trong {seconds:.1f} giây",
        "failed": "lỗi: {name} ({code}): {error}",
        "changes_none": "thay đổi: không có lần trước để so sánh (lần đầu làm báo cáo ở đây)",
        "changes_problem": "thay đổi: không so sánh được ({problem})",
        "changes": "thay đổi từ {previous}: {data_new} số liệu mới, {data_changed} số liệu sửa, {data_removed} số "
            "liệu bị thay; {status} trạng thái thay đổi; {chance} khả năng thay đổi từ 10 điểm trở lên (xem "
            "index.html)",
        "arg_usage": "cách dùng: ",
        "arg_positional": "tham số:",
        "arg_options": "tùy chọn:",
        "arg_help": "in hướng dẫn này rồi thoát",
        "arg_error": "{prog}: lỗi: {message}",
        "arg_argument": "{name}: {message}",
        "arg_required": "thiếu tùy chọn bắt buộc: {names}",
        "arg_unrecognized": "không hiểu các tham số: {names}",
        "arg_choice": "lựa chọn không hợp lệ: {value} (chọn một trong {choices})",
        "arg_expected_one": "cần một giá trị",
        "arg_ambiguous": "tùy chọn không rõ: {option} có thể là {matches}",
        "arg_invalid_value": "giá trị {value} không hợp lệ (cần kiểu {type})",
    },
    # Hướng dẫn của dòng lệnh (cdsanalysis --help, cdsanalysis LỆNH --help).
    "command_help": {
        "metavar_file": "TỆP",
        "metavar_directory": "THƯ_MỤC",
        "data": "thư mục số liệu (mặc định: số liệu đi kèm)",
        "as_of": "ngày bắt đầu dự báo, YYYY-MM-DD hoặc ngày trước (mặc định: ngày mới nhất trong số liệu)",
        "validate": "kiểm tra một thư mục số liệu và liệt kê mọi lỗi",
        "validate_directory": "thư mục có units.csv, progress.csv, targets.csv (mặc định: số liệu đi kèm)",
        "progress": "in hiện trạng của từng {group}",
        "progress_as_of": "ngày, YYYY-MM-DD hoặc ngày trước (mặc định: ngày mới nhất trong số liệu)",
        "import": "gộp biểu mẫu tiến độ của các {group} (.xlsx) vào progress.csv của một thư mục số liệu, nếu kết quả "
            "hợp lệ",
        "import_file": "tệp .xlsx (không bao giờ bị sửa)",
        "import_out": "thư mục số liệu có sẵn, nơi progress.csv nhận các dòng",
        "import_data": "thư mục số liệu có units.csv và targets.csv dùng để kiểm tra các dòng (mặc định: của OUT, "
            "nếu không có thì số liệu đi kèm)",
        "import_as_of": "ngày của số liệu khi biểu mẫu không ghi (YYYY-MM-DD hoặc ngày trước)",
        "import_sheet": "tên trang, hoặc số thứ tự đếm từ 0 (mặc định: trang hiển thị đầu tiên có dòng tiêu đề)",
        "import_source": "nguồn ghi vào mỗi dòng (mặc định: tên tệp và tên trang)",
        "import_status": "trạng thái của các dòng (mặc định: actual)",
        "import_measure": "số của biểu mẫu là gì: recognised (được tỉnh quyết định công nhận), claimed ({group} tự báo "
            "cáo; trạng thái thành claim) hoặc registered (mặc định: theo --status)",
        "import_hidden": "đọc cả trang, dòng và cột bị ẩn (mặc định bỏ qua và có thông báo)",
        "import_dry_run": "cho xem các dòng sẽ được thêm và thay; không ghi gì",
        "import_undo": "khôi phục OUT/progress.csv như trước lần nhập gần nhất (lưu trong OUT/history/), đúng từng "
            "byte",
        "decision": "thêm danh sách xã được công nhận theo quyết định của tỉnh (.xlsx hoặc .csv) vào "
            "recognitions.csv của một thư mục số liệu, nếu mọi tên đều khớp",
        "decision_file": "danh sách của quyết định, .xlsx hoặc .csv (không bao giờ bị sửa)",
        "decision_out": "thư mục số liệu có sẵn, nơi recognitions.csv nhận các xã (tạo mới nếu chưa có)",
        "decision_data": "thư mục số liệu có units.csv để khớp tên (mặc định: của OUT, nếu không có thì số liệu đi "
            "kèm)",
        "decision_decision": "số quyết định, ví dụ {example} (mặc định: đọc từ tiêu đề của tệp)",
        "decision_date": "ngày quyết định, N/T/NNNN hoặc YYYY-MM-DD (mặc định: đọc từ tiêu đề của tệp)",
        "decision_year": "năm mà quyết định tính cho các xã (có thể sớm hơn năm của quyết định; mặc định: cột ghi năm "
            "được tính)",
        "decision_source": "nguồn ghi vào mỗi dòng (mặc định: quyết định và tên tệp)",
        "decision_sheet": "tên trang (mặc định: trang hiển thị đầu tiên)",
        "decision_hidden": "đọc cả trang, dòng và cột bị ẩn",
        "decision_dry_run": "cho xem các xã sẽ được thêm; không ghi gì",
        "decision_undo": "khôi phục OUT/recognitions.csv như trước lần import-decision gần nhất (lưu trong "
            "OUT/history/)",
        "template": "ghi biểu mẫu cho các {group} (.xlsx) mà lệnh import đọc",
        "template_out": "biểu mẫu cần ghi, TỆP.xlsx (thư mục chứa phải có sẵn)",
        "template_data": "thư mục số liệu có các {group} điền vào biểu mẫu (mặc định: số liệu đi kèm)",
        "template_as_of": "ngày cần lấy số liệu (mặc định: ngày cuối của tháng trước)",
        "render": "làm báo cáo dự báo của mọi {group} (HTML, PNG, summary.csv/.xlsx, index.html) vào OUT/<as_of>/",
        "render_districts": "mã hoặc tên, cách nhau bằng dấu phẩy (mặc định: mọi {group}); chỉ cập nhật các {group} "
            "này "
            "trong OUT/<as_of>/ và giữ các {group} khác",
        "render_jobs": "số tiến trình chạy song song (mặc định: số lõi của máy)",
        "render_out": "thư mục kết quả (mặc định: reports/ trong thư mục hiện tại)",
        "draws": "số đường mô phỏng, từ 1 đến {most} (mặc định: {default})",
        "seed": "hạt giống ngẫu nhiên, từ 0 trở lên (mặc định: 0)",
        "render_compare": "thư mục của một lần chạy trước (reports/<ngày>) để so sánh (mặc định: lần chạy bị thay, "
            "nếu không có thì lần gần nhất trước đó)",
        "render_scheduler": "chạy trên cụm Dask: địa chỉ bộ điều phối (tcp://host:8786) hoặc 'local' để dùng "
            "LocalCluster trên máy này (mặc định: nhóm tiến trình trên máy)",
        "render_model": "mô hình (mặc định: hazard; 'last' hoặc 'linear' khi không ước lượng được mô hình hazard)",
        "render_quiet": "không hiện thanh tiến trình",
        "synthetic": "ghi một thư mục số liệu giả lập với quy mô tùy chọn (units, progress, targets, ghi là minh "
            "họa) để thử quy trình trên quy mô lớn",
        "synthetic_districts": "số đơn vị cấp {group}",
        "synthetic_communes": "tổng số xã (mặc định: 25 xã mỗi {group})",
        "synthetic_periods": "số mốc nửa năm từ 2021-12-31 (mặc định: 6)",
        "synthetic_out": "một thư mục mới hoặc trống để ghi vào",
        "synthetic_reform": "dạng sau sắp xếp đơn vị hành chính: từ ngày này (sau số liệu cuối cùng) các {group} "
            "không còn, cứ ba xã của một {group} thành một xã, toàn tỉnh là nhóm duy nhất (ghi changes.csv)",
        "forecast": "dự báo cho mọi {group} và đánh giá các mục tiêu",
        "forecast_until": "cuối khoảng dự báo (mặc định: thời hạn mục tiêu cuối cùng sau --as-of, hoặc một năm sau)",
        "forecast_model": "mô hình (mặc định: hazard)",
        "forecast_long": "mỗi mục tiêu một dòng, kể cả các thời hạn đã qua",
        "forecast_out": "ghi thêm toàn bộ bảng đánh giá vào TỆP.csv hoặc TỆP.xlsx",
    },
    # Lỗi của tầng dữ liệu (`cdsanalysis.wording.messages.said`), bằng tiếng Việt trên dòng lệnh.
    "errors": {
        "the_value": "giá trị",
        "problem_title": "{title}: {n} lỗi",
        "problems_title": "{title}: {n} lỗi",
        "at_row": ", dòng {row}",
        "at_column": ", cột {column}",
        "problems_more": "  … và {n} lỗi khác không liệt kê ở đây: sửa các lỗi trên trước, hoặc đọc đủ trong bảng "
            "failure_cases của lỗi",
        "kinds": {"district": "đơn vị cấp {group}", "commune": "xã"},
        "name_ambiguous": "{kind} {query!r} không rõ: trùng với {listed}. Dùng mã hoặc một trong các tên đã liệt kê.",
        "name_unknown_suggest": "không có {kind} {query!r}; có phải: {listed}?",
        "name_unknown": "không có {kind} {query!r}.",
        "invalid_data": "số liệu không hợp lệ",
        "invalid_units": "danh sách đơn vị không hợp lệ",
        "required": "{name} để trống; mỗi dòng cần có {name}",
        "iso_date": "{name} phải là ngày dạng YYYY-MM-DD (tháng và ngày hai chữ số), ví dụ 2024-06-30, trong các "
            "năm {low}–{high}",
        "whole_number": "{name} phải là số nguyên (số xã), chỉ dùng chữ số 0-9 (không có '.', ',' hay dấu cách), "
            "ví dụ 12",
        "one_of": "{name} phải là một trong: {allowed}",
        "code": "{name} phải gồm {rule}",
        "code_rule": "1–20 chữ cái ASCII hoặc chữ số, '-' hoặc '_', bắt đầu bằng chữ cái hoặc chữ số (ví dụ 399)",
        "text_rule": "{name} không được chứa ký tự điều khiển hay ký tự ẩn (tab, xuống dòng, dấu cách độ rộng 0…) "
            "và dài tối đa {limit} ký tự",
        "missing_column": "thiếu cột '{column}'; {file} cần các cột {expected}",
        "duplicate": "dòng trùng: ({key}) = ({values}) xuất hiện nhiều lần; chỉ giữ một dòng",
        "consistent_name": "đơn vị mã {code} ở chỗ khác trong tệp có tên '{first}'; mỗi mã chỉ dùng một tên",
        "use_code": "dùng mã {code} ({name})",
        "did_you_mean": "có phải {near}?",
        "check_codes": "xem danh sách đơn vị để biết các mã hợp lệ",
        "unknown_code": "không có đơn vị mã '{code}'; {fix}",
        "name_mismatch": "tên đơn vị '{name}' không khớp với mã {code} ({official}); các tên gần nhất: {near}",
        "the_province": "toàn tỉnh",
        "the_district": "đơn vị {code} ({name})",
        "above_total": "{column} {value} lớn hơn tổng số {total} xã của {who}; số đếm không thể vượt tổng số xã",
        "status_measure": "trạng thái 'claim' ({group} tự báo cáo) không thể dùng cho số xã được công nhận: ghi "
            "measure là 'claimed', hoặc trạng thái 'actual' (quyết định của tỉnh) nếu tỉnh đã công nhận",
        "within_measure": " (trong cùng loại số liệu '{measure}')",
        "row_of": "dòng {row}",
        "file_row": "{file} dòng {row}",
        "never_falls": "số lũy kế giảm từ {old} ({previous}, ngày {old_date:%d/%m/%Y}) xuống {new} (ngày "
            "{date:%d/%m/%Y}); số lũy kế không bao giờ giảm{within}: sửa một trong hai dòng",
        "sum_above_province": "tổng số của các {group} ngày {date:%d/%m/%Y} là {sum}, lớn hơn số của {all} "
            "{province}; sửa dòng {all} hoặc các dòng {group} của ngày đó",
        "sum_below_province": "mọi {group} đều có số ngày {date:%d/%m/%Y} và tổng là {sum}, nhỏ hơn số của {all} "
            "{province}: số {all} phải bằng tổng của tất cả các {group}; sửa dòng {all} hoặc các dòng {group} "
            "của ngày đó",
        "units_empty": "danh sách đơn vị không có dòng nào; cần một dòng cho mỗi xã ({columns})",
        "char_control": "một ký tự điều khiển",
        "char_format": "một ký tự định dạng ẩn",
        "char_line": "một ký tự ngắt dòng",
        "char_paragraph": "một ký tự ngắt đoạn",
        "char_surrogate": "một ký tự thay thế (surrogate)",
        "char_private": "một ký tự dùng riêng",
        "char_unassigned": "một ký tự chưa được định nghĩa",
        "bad_character": "{what} ({code}) ở ký tự thứ {position}",
        "contains": "chứa {bad}; gõ lại chỉ bằng chữ cái, chữ số, dấu cách và dấu câu",
        "too_long": "dài {n} ký tự; tối đa {limit} ký tự",
        "column_problem": "{column} {problem}",
        "write_iso": "; ghi là {date:%Y-%m-%d}",
        "rule_found": "{rule} (giá trị là {shown!r}{fix})",
        "formula": "{column} bắt đầu bằng {first!r}, nên Excel sẽ chạy ô này như một công thức khi mở tệp; thêm "
            "dấu nháy đơn (') ở đầu để giữ là chữ, hoặc bỏ ký tự {first!r} ở đầu",
        "same_district_name": "các đơn vị {listed} trùng tên khi bỏ qua dấu, chữ hoa và tiền tố; đặt cho mỗi đơn vị "
            "một tên riêng",
        "same_commune_name": "đơn vị {code} đã có một xã trùng tên này (dòng {row}, '{first}'); đặt cho mỗi xã của "
            "một đơn vị một tên riêng",
        "date_hint": "ghi dạng YYYY-MM-DD (2024-06-30) hoặc ngày trước (30/6/2024)",
        "not_a_month": "{month} không phải là tháng; ghi theo thứ tự ngày/tháng/năm{fixed}",
        "no_such_day": "tháng {month} năm {year} không có ngày {day}; kiểm tra lại ngày",
        "year_range": "năm {year} nằm ngoài khoảng {low}–{high}; kiểm tra lại năm",
        "implausible_year": "năm {year} không thể đúng với số liệu báo cáo hiện nay (ngày của biểu mẫu nằm trong "
            "{low}–{high}); kiểm tra lại năm",
        "not_a_date_years": "{what} không phải là ngày: {value!r}; ghi dạng YYYY-MM-DD (2024-06-30) hoặc ngày trước "
            "(30/6/2024), với năm trong {low}–{high}",
        "not_a_date": "{what} không phải là ngày: {value!r}; ghi dạng YYYY-MM-DD (2024-06-30) hoặc ngày trước "
            "(30/6/2024)",
        "outside_years": "{what} {value} nằm ngoài các năm {low}–{high}; kiểm tra lại năm",
        "a_period": "một kỳ",
        "period_column": "cột '{label}' có vẻ là số của một kỳ ({what}), không phải số xã hoàn thành lũy kế đến nay; "
            "lệnh import chỉ đọc số lũy kế (đọc số của một kỳ như số lũy kế sẽ thay mất lịch sử của {group}). Thêm vào "
            "biểu mẫu cột 'Số xã hoàn thành (lũy kế)' ghi tổng đến nay của mỗi {group} (biểu mẫu của 'cdsanalysis "
            "template' có sẵn cột này), hoặc đổi tên cột này như vậy nếu nó đã là số lũy kế",
        "expected_unit": "'Đơn vị' (hoặc 'Tên đơn vị', 'Địa phương')",
        "expected_completed": "'Số xã hoàn thành' (hoặc 'Lũy kế hoàn thành')",
        "optional_headers": "'STT', 'Tổng số xã', 'Tính đến ngày' (hoặc 'Ngày'), 'Ghi chú'",
        "bad_status": "status phải là một trong {allowed}, không phải {status!r}",
        "no_table": "không tìm thấy bảng tiến độ",
        "problems_in": "lỗi trong {name}",
        "all_blank": "số của mọi {group} ở cột {column} đều để trống: không có gì để nhập. Điền số lũy kế của mỗi "
            "{group} đã báo cáo (ô trống nghĩa là 'chưa báo cáo')",
        "no_district_rows": "trang '{sheet}' có dòng tiêu đề ở dòng {row} nhưng bên dưới không có dòng {group} nào",
        "units_lack": "bảng đơn vị thiếu các cột {columns}",
        "no_sheet_number": "{file}: không có trang số {sheet} (đếm từ 0); các trang của tệp là {names}",
        "no_sheet_named": "{file}: không có trang tên {sheet!r}; các trang của tệp là {names}",
        "sheet_hidden": "{file}: trang '{sheet}' đang bị ẩn; bỏ ẩn trong Excel nếu cần đọc số liệu của trang, hoặc "
            "nhập với --include-hidden",
        "row_of_sheet": "{row} của trang '{sheet}'",
        "all_sheets_hidden": "mọi trang của tệp đều bị ẩn ({sheets}); bỏ ẩn trang tiến độ hoặc dùng --include-hidden",
        "the_sheet": "trang '{sheet}'",
        "the_sheets": "các trang {sheets}",
        "partial_header": "; dòng {row} có {has}",
        "no_header_row": "không tìm thấy dòng tiêu đề trong {rows} dòng đầu của {where}{found}. Cần một dòng có "
            "{unit_header} và {completed}; có thể thêm: {optional}{hint}",
        "hidden_hint": ". Lưu ý: {notes} (nhập với --include-hidden để đọc cả phần bị ẩn)",
        "title_date": "không đọc được ngày của số liệu: {problem}",
        "twice": "{name} xuất hiện hai lần cho ngày {date:%d/%m/%Y} (dòng {first} và {row}); mỗi {group} và mỗi ngày "
            "chỉ giữ một dòng",
        "count_no_name": "dòng này có số nhưng không có tên đơn vị; ghi tên {group}",
        "several_districts": "'{written}' trùng với nhiều {group}: {listed}; ghi đầy đủ tên chính thức",
        "unknown_district_suggest": "không có {group} '{written}'; có phải {listed}?",
        "unknown_district": "không có {group} '{written}'; ghi tên một {group} trong danh sách đơn vị, ví dụ "
            "'{example}'",
        "merged_count": "ô số này bị gộp với ô của dòng {first_row}; bỏ gộp ô và ghi số riêng cho mỗi dòng",
        "blank_total": "ô số của dòng tổng để trống; ghi tổng của các dòng {group}, hoặc xóa dòng này",
        "excel_date_hint": " (Excel đã đổi nó thành ngày: định dạng cột là Number)",
        "not_whole": "'{value}' không phải là số nguyên (số xã){hint}; chỉ nhập chữ số, ví dụ 12",
        "communes_total": "biểu mẫu ghi {name} có {stated} xã, danh sách đơn vị ghi {total}: số liệu sẽ bị đối chiếu "
            "với sai số xã. Sửa tổng số xã trên biểu mẫu thành {total} (nếu số xã của {group} thực sự đã thay đổi, "
            "cần cập nhật danh sách đơn vị trước)",
        "above_stated": "{count} xã hoàn thành lớn hơn {stated} xã ở cột {column}; sửa một trong hai số",
        "above_units": "{count} xã hoàn thành lớn hơn {total} xã của {name} trong danh sách đơn vị; sửa lại số",
        "left_out": " (không tính {n} dòng có số không đọc được)",
        "equal": "bằng",
        "at_least": "ít nhất bằng",
        "total_mismatch": "dòng tổng ghi {value} nhưng tổng các dòng {group} là {total}{left_out}; số tổng phải "
            "{relation} tổng các dòng: sửa dòng tổng hoặc các dòng {group}",
        "cell_not_date_why": "'{value}' không phải là ngày: {why}",
        "cell_not_date": "'{value}' không phải là ngày; ghi ngày trước (30/6/2024) hoặc dùng ô ngày của Excel",
        "cell_problem": "'{value}': {problem}",
        "no_row_date": "dòng này không có ngày: điền cột ngày, thêm dòng tiêu đề '(Số liệu tính đến ngày 30/6/2024)', "
            "hoặc ghi ngày bằng --as-of",
        "save_again": "mở tệp bằng Excel và lưu lại dạng .xlsx (Excel Workbook)",
        "skipped_sheets": "đã bỏ qua trang bị ẩn: {sheets}",
        "skipped_rows": "đã bỏ qua các dòng bị ẩn của trang '{sheet}': {shown}",
        "skipped_columns": "đã bỏ qua các cột bị ẩn của trang '{sheet}': {shown}",
        "path_problem": "{path}: {problem}",
        "no_extension": "không có phần mở rộng",
        "unreadable_suffix": "{path}: không đọc được tệp '{suffix}'; bảng tiến độ được đọc từ tệp Excel ({readable}): "
            "lưu tệp .xls hoặc .ods thành .xlsx trước",
        "workbook_size": "{path}: {size:,} byte, vượt mức {limit:,} byte mà một biểu mẫu cần; chỉ gửi trang tiến độ",
        "encrypted": "{path}: có mật khẩu (đã mã hóa) hoặc là tệp .xls cũ; gỡ mật khẩu (File > Info > Protect "
            "Workbook) và lưu thành .xlsx",
        "not_workbook": "{path}: không phải tệp Excel đọc được ({why}); {fix}",
        "unpacks_to": "{path}: giải nén ra {size:,} byte, vượt giới hạn {limit:,}; chỉ gửi trang tiến độ",
        "damaged": "{path}: tệp bị hỏng (phần {part} sai mã kiểm tra); đề nghị đơn vị gửi lại",
        "too_many_sheets": "{path}: {n} trang, vượt giới hạn {limit}; chỉ gửi trang tiến độ",
        "not_well_formed": "{path}: trang {part} bị lỗi cấu trúc ({why}); {fix}",
        "sheet_extent": "{path}: một trang kéo đến ô {ref} ({rows:,} dòng × {columns:,} cột), vượt phạm vi lệnh "
            "import đọc ({max_rows:,} dòng, {max_columns} cột, {max_cells:,} ô); xóa các ô hoặc vùng gộp lạc xa "
            "bảng rồi lưu lại",
        "not_csv": "{path}: không phải bảng CSV đọc được ({why})",
        "decision_title": "danh sách quyết định bị từ chối, chưa ghi gì: sửa các dòng nêu dưới đây (hoặc các tùy "
            "chọn), rồi nhập lại",
        "decision_no_header": "không có dòng tiêu đề ghi cột tên xã (ví dụ 'Tên xã', 'Xã, phường, thị trấn', 'Đơn vị') "
            "trong {rows} dòng đầu; thêm một dòng tiêu đề phía trên danh sách",
        "decision_no_rows": "danh sách dưới dòng tiêu đề không có xã nào",
        "decision_unknown": "'{name}' không phải là xã của {where}; {fix}",
        "decision_ambiguous": "'{name}' trùng với nhiều xã: {matches}; thêm {group} (cột '{Group}') hoặc ghi tên như "
            "trong danh sách đơn vị",
        "decision_other_district": "'{name}' là {commune} thuộc {actual}, không thuộc {said} như dòng này ghi; sửa "
            "{group} hoặc tên xã",
        "decision_unknown_district": "{group} '{name}' không có trong danh sách đơn vị; {fix}",
        "decision_check_district": "kiểm tra lại tên {group}",
        "decision_check_name": "đối chiếu tên với danh sách đơn vị",
        "decision_twice": "{commune} được liệt kê hai lần: cả ở dòng {row}; chỉ giữ một dòng",
        "decision_already": "{commune} đã được công nhận: quyết định {decision} ngày {date} ({file} dòng {row}); mỗi "
            "xã chỉ được công nhận một lần: xóa dòng này, hoặc sửa bản ghi trước nếu bản ghi đó sai",
        "decision_year": "'{value}' không phải là năm; ghi năm mà quyết định tính cho xã, ví dụ 2023",
        "decision_year_after": "năm được tính {year} sau ngày của quyết định {date}: một quyết định chỉ tính xã cho "
            "năm của nó hoặc năm trước đó",
        "decision_need_decision": "tệp không ghi số quyết định; ghi bằng --decision (ví dụ --decision 123/QĐ-UBND)",
        "decision_need_date": "tệp không ghi ngày quyết định; ghi bằng --date (ví dụ --date 2/1/2025)",
        "decision_need_year": "chưa có năm mà quyết định tính cho các xã; ghi bằng --credited-year (ví dụ "
            "--credited-year 2023), hoặc thêm cột 'Năm được tính' vào danh sách",
        "decision_csv_size": "{path}: {size:,} byte, vượt mức {limit:,} byte mà một danh sách quyết định cần",
        "decision_csv_rows": "{path}: hơn {limit:,} dòng; danh sách của một quyết định ngắn hơn nhiều: chỉ gửi danh "
            "sách",
        "decision_csv_columns": "{path}: dòng {row} có {n} cột, vượt mức {limit} cột cho phép",
        "decision_csv_text": "{path}: không phải văn bản UTF-8 ({reason}); lưu tệp dạng 'CSV UTF-8'",
        "decision_suffix": "{path}: không đọc được tệp '{suffix}'; gửi danh sách quyết định dạng .xlsx hoặc .csv "
            "(UTF-8)",
        "decision_no_sheet": "{path}: không có trang hiển thị tên '{sheet}'; các trang: {names}",
        "decision_all_hidden": "{path}: mọi trang đều bị ẩn; dùng --include-hidden để đọc",
        "unknown_measure": "không có loại số liệu '{measure}': dùng một trong {allowed}",
        "import_title": "từ chối nhập, chưa ghi gì: bảng tiến độ sau khi gộp sẽ không hợp lệ (sửa các ô của biểu mẫu "
            "hoặc các dòng của {name} nêu dưới đây, rồi nhập lại)",
        "import_floor": "số của {all} ngày {date} sẽ là {figure} (cộng số mới nhất của từng {group}), thấp hơn tổng "
            "chính thức của {top} là {official} ngày {official_date} ({file}, dòng {row}, trạng thái actual): việc "
            "nhập số liệu không bao giờ làm giảm số của {all}.{lowered} {Group} chưa báo cáo phải để trống ô (ô "
            "trống là 'chưa báo cáo'; 0 nghĩa là chưa có xã nào hoàn thành)",
        "import_lowered": " Các dòng của biểu mẫu thấp hơn số trước đó của {group}: {rows}{more}.",
        "import_lowered_row": "dòng {row} {name} {new} (trước là {old} ngày {date})",
        "and_more": "; và {n} dòng khác",
        "with_form_rows": "{message} (các dòng của biểu mẫu cho ngày đó: {form} dòng {rows})",
        "file_not_found": "không tìm thấy tệp",
        "unreachable": "không truy cập được (không có quyền vào một thư mục bên trên)",
        "cannot_read": "không đọc được ({why})",
        "is_folder": "là một thư mục, không phải tệp",
        "fifo": "một FIFO (ống có tên)",
        "device": "một thiết bị hoặc socket",
        "not_regular": "là {kind}, không phải tệp thông thường",
        "read_denied": "không đọc được (không có quyền); kiểm tra quyền truy cập của tệp",
        "not_utf8": "{path}: không phải văn bản UTF-8 ({reason} ở byte {start}); lưu tệp dạng 'CSV UTF-8'",
        "repeated_column": "{path}, dòng 1: cột {columns} xuất hiện nhiều lần trong dòng tiêu đề; mỗi tên cột chỉ giữ "
            "một cột",
        "cut_short": "{path}, dòng {row}: chỉ có {n} trong {columns} cột; dòng cuối bị cắt cụt (tệp bị cắt khi sao "
            "chép?). Điền đủ dòng hoặc sao chép lại tệp",
        "dangling_link": "{path}: là liên kết tượng trưng đến {target}, nhưng đích không tồn tại; sửa hoặc xóa liên "
            "kết",
        "write_folder": "{path}: là một thư mục; không thể ghi tệp vào chỗ đó",
        "write_irregular": "{path}: không phải tệp thông thường; không thể ghi vào chỗ đó",
        "write_read_only": "{path}: chỉ đọc; tệp được giữ nguyên. Cho phép ghi (chmod u+w) nếu cần thay tệp",
        "disk_full": "ổ đĩa đã đầy",
        "folder_read_only": "thư mục chỉ đọc",
        "permission_denied": "không có quyền ghi",
        "quota_used": "đã dùng hết hạn mức ổ đĩa",
        "cannot_write": "{path}: không ghi được ({reason}); không có gì thay đổi: {where} vẫn như cũ. Giải phóng dung "
            "lượng hoặc cho phép ghi vào thư mục, rồi nhập lại",
        "no_progress_rows": "bảng tiến độ không có dòng nào, nên không có ngày số liệu mới nhất",
        "forecast_short_intervals": "lưu ý: không {group} nào có hai mốc số liệu cách nhau từ bốn tháng trong "
            "các nửa năm đã qua, nên tốc độ được đọc từ các khoảng ngắn hơn: một đợt công nhận rơi vào một khoảng "
            "như vậy sẽ bị đọc thành tốc độ đều, và dự báo có thể chắc chắn quá mức",
        "forecast_needs_two_figures": "chưa dự báo được: mô hình cần ít nhất một {group} có số liệu ở hai ngày "
            "khác nhau mà còn xã chưa hoàn thành, số liệu này chưa có. Cách xử lý: thêm số liệu của một ngày khác "
            "(ví dụ tháng trước). Trong lúc chờ: cdsanalysis progress cho biết tiến độ hiện tại, và cdsanalysis "
            "forecast --model last cho bảng đánh giá với số hiện tại giữ nguyên (trong Python: model='last')",
        "forecast_nothing_recognised": "chưa dự báo được: không xã nào được công nhận trong {intervals} khoảng "
            "giữa các ngày số liệu, nên không ước lượng được tốc độ (sẽ bằng 0). Kiểm tra cột số xã đã hoàn "
            "thành; nếu số liệu đúng, cdsanalysis forecast --model last cho bảng đánh giá với số hiện tại giữ "
            "nguyên (trong Python: model='last')",
        "forecast_all_recognised_each_time": "chưa dự báo được: trong mọi khoảng giữa các ngày số liệu, mọi xã "
            "chưa hoàn thành đều được công nhận, nên tốc độ không có giá trị hữu hạn. Thêm số liệu của một "
            "ngày ở giữa; trong lúc chờ, cdsanalysis forecast --model linear cho bảng đánh giá theo xu hướng "
            "tuyến tính (trong Python: model='linear')",
        "forecast_effects_confounded": "chưa dự báo được: trong số liệu này không tách được mức, xu hướng và "
            "dao động từng nửa năm; thêm số liệu của các ngày khác. Trong lúc chờ, cdsanalysis forecast "
            "--model linear cho bảng đánh giá theo xu hướng tuyến tính (trong Python: model='linear')",
        "no_recognitions": "{source}: không có {file}, nên chưa biết những xã nào đã được công nhận (chỉ biết số "
            "lượng); nhập danh sách của từng quyết định bằng 'cdsanalysis import-decision'",
        "no_data_directory": "{directory}: không có thư mục số liệu này (thư mục cần có {files})",
        "form_suffix": "{path}: biểu mẫu là tệp Excel; đặt tên tệp có đuôi .xlsx",
        "invalid_records": "bản ghi công nhận không hợp lệ",
        "write_code": "ghi mã {code} ({name})",
        "nearest": "gần nhất: {near}",
        "check_commune_code": "xem mã của xã trong danh sách đơn vị",
        "unknown_commune_code": "không có xã mã '{code}' (không có trong danh sách đơn vị); {fix}",
        "recognised_twice": "xã {code} ({name}) được công nhận hai lần: cả ở dòng {row}; mỗi xã chỉ được công nhận "
            "một lần, giữ dòng của quyết định đã công nhận xã",
        "commune_mismatch": "tên xã '{name}' không khớp với mã {code} ({official}); sửa tên hoặc mã",
        "decision_empty": "decision để trống; ghi số quyết định, ví dụ {example}",
        "decision_date": "decision_date phải là ngày dạng YYYY-MM-DD trong các năm {low}–{high}, ví dụ 2025-01-02 "
            "(giá trị là {found!r})",
        "credited_year": "credited_year phải là một năm như 2023 (bốn chữ số, {low}–{high}), hoặc để trống khi quyết "
            "định không ghi (giá trị là {found!r})",
        "credited_after": "credited_year {year} sau ngày của quyết định {date:%d/%m/%Y}: một quyết định chỉ tính xã "
            "cho năm của nó hoặc năm trước đó; sửa năm hoặc ngày",
        "record_formula": "{column} bắt đầu bằng '{first}', bảng tính sẽ chạy như một công thức; thêm dấu nháy đơn "
            "(') ở đầu",
        "source_empty": "source để trống; ghi nguồn của bản ghi (quyết định, đường dẫn hoặc cơ quan)",
        "ref_row": "dòng {row}",
        "ref_cell": "dòng {row}, cột {column}",
        "has_but_lacks": "{has} nhưng không có cột nào như {lacks}",
        "and": " và ",
        "or": " hoặc ",
        "memory": "{draws:,} đường mô phỏng × {n_groups:,} {group} × {dates} mốc ngày cần khoảng {need:.1f} GB bộ nhớ; "
            "máy này còn {have:.1f} GB. Dùng ít đường mô phỏng hơn (tối đa {fits:,} trên máy này), hoặc dự báo ít "
            "{group} hơn mỗi lần",
        "whole_from_to": "{name} phải là số nguyên từ {low} đến {high:,}; nhận được {value!r}",
        "until_before": "ngày kết thúc dự báo ({until:%d/%m/%Y}) trước ngày bắt đầu ({as_of:%d/%m/%Y}): "
            "dự báo phải kết thúc vào hoặc sau ngày của số liệu",
        "no_progress_before": "không có số liệu tiến độ của {group} nào đến ngày {date:%d/%m/%Y}; không có gì để dự "
            "báo",
        "no_snapshot": "--compare {folder}: không có {file} ở đó; chỉ ra thư mục của một lần làm báo cáo trước "
            "(reports/<YYYY-MM-DD>)",
        "out_not_folder": "{root}: không phải thư mục; cho --out một thư mục để chứa báo cáo",
        "out_not_writable": "{root}: không ghi được báo cáo vào đây ({why}); chọn --out khác",
        "out_busy": "{root}: một lần làm báo cáo khác đang ghi vào đây; chờ lần đó xong hoặc chọn --out khác",
        "no_scheduler": "không kết nối được bộ điều phối Dask ở {address} ({why}); khởi động bằng `dask scheduler` "
            "và các tiến trình bằng `dask worker ADDRESS`",
        "validity_date": "{column} phải là ngày dạng YYYY-MM-DD (ví dụ 2024-11-30) trong các năm {low}–{high}, hoặc "
            "để trống khi không có mốc",
        "validity_order": "valid_to ({end:%d/%m/%Y}) trước valid_from ({start:%d/%m/%Y}); đổi chỗ hai ngày hoặc sửa "
            "một ngày",
        "groups_two": "nhóm {a} và {b}",
        "group_twice": "nhóm {code} hai lần",
        "listed_twice": "xã {code} có ở dòng {row_a} và dòng {row_b} vào ngày {date:%d/%m/%Y} ({where}): mỗi ngày một "
            "xã chỉ thuộc một nhóm; kết thúc dòng {row_a} (valid_to) vào ngày trước khi dòng {row_b} bắt đầu, hoặc "
            "sửa valid_from của dòng {row_b}",
        "missing_column_optional": "thiếu cột '{column}'; {file} cần các cột {expected} (có thể thêm: {optional})",
        "effective_date": "effective_date phải là ngày dạng YYYY-MM-DD, ngày đầu tiên của khung mới (ví dụ "
            "2024-12-01), trong các năm {low}–{high}",
        "change_source": "source để trống; ghi văn bản pháp lý của thay đổi, ví dụ NQ 1238/NQ-UBTVQH15",
        "share": "share phải là số thập phân lớn hơn 0 và không quá 1 (ví dụ 0.5), là phần của đơn vị cũ chuyển sang "
            "đơn vị mới",
        "move_needs_group": "việc chuyển một xã cần new_group: mã của nhóm mà xã chuyển đến",
        "unit_group": "nhóm",
        "unit_commune": "xã",
        "old_missing": "{what} '{code}' không tồn tại vào ngày {date:%d/%m/%Y}, ngày trước thay đổi này; ghi mã của "
            "một {what} còn hiệu lực khi đó (xem units.csv và các dòng trước của {file})",
        "new_missing": "{what} '{code}' không tồn tại vào ngày {date:%d/%m/%Y}, khi thay đổi này có hiệu lực; thêm vào "
            "units.csv (valid_from {date:%Y-%m-%d}) hoặc ghi mã của một {what} còn hiệu lực khi đó",
        "group_empty": "nhóm '{code}' không có xã nào vào ngày {date:%d/%m/%Y}; ghi mã của nhóm mà xã chuyển đến",
        "shares_above_one": "các phần chia của {old} ngày {date:%d/%m/%Y} (dòng {rows}) cộng lại là {total:g}, lớn "
            "hơn 1: một đơn vị không thể chia ra nhiều hơn toàn bộ chính nó",
        "counted_twice": "xã {code} bị tính hai lần vào ngày {date:%d/%m/%Y} (nhóm {codes}): mỗi ngày một xã chỉ "
            "thuộc một nhóm; kết thúc dòng của xã trong units.csv (valid_to) hoặc sửa thay đổi",
        "itself": "chính nó",
        "cycle": "các thay đổi ngày {date:%d/%m/%Y} tạo thành vòng {chain}: một đơn vị không thể nhập vào đơn vị lại "
            "nhập ngược vào nó; xóa dòng này hoặc (các) dòng {others}",
        "uncomputed": "ô {cell} của trang '{sheet}' chứa công thức ({formula}) chưa từng được tính (tệp do một "
            "chương trình ghi ra và chưa được mở bằng Excel từ đó), nên sẽ bị đọc là ô trống (\"chưa báo cáo\"); "
            "mở tệp bằng Excel rồi lưu lại để giá trị của công thức được lưu, hoặc gõ số vào ô",
        "shared_formula": "(một công thức dùng chung)",
        "form_too_big": "{n_groups:,} {group} tạo thành biểu mẫu {rows:,} dòng, vượt quá mức lệnh import đọc được "
            "({max_rows:,} dòng, {max_cells:,} ô); chia thư mục số liệu theo vùng và gửi mỗi vùng một biểu mẫu riêng",
        "invalid_file": "{name} không hợp lệ",
        "levels_missing_column": "thiếu cột '{column}'; {name} có các cột {columns}, mỗi cấp và mỗi ngôn ngữ một "
            "dòng, ví dụ {example}",
        "levels_unknown_column": "cột '{column}' không thuộc mẫu; các cột là {columns}",
        "levels_unknown_level": "cấp '{level}' không phải một trong {levels} (top: cấp toàn thể, ví dụ {top}; group: "
            "cấp được làm báo cáo, ví dụ {group}; unit: cấp được đếm, ví dụ {unit})",
        "levels_unknown_lang": "ngôn ngữ '{lang}' không phải một trong {langs}",
        "levels_formula": "bắt đầu như một công thức bảng tính; ghi chính từ đó",
        "levels_text": "'{text}' {problem}",
        "levels_empty_name": "tên của cấp để trống; ghi tên như khi đọc trong câu, ví dụ '{group}'",
        "levels_no_all_of": "cấp top cần cột 'all_of', nhãn của dòng toàn thể, ví dụ '{All}' hoặc 'Cả nước'",
        "levels_second_row": "dòng thứ hai cho cấp '{level}' bằng '{lang}' (dòng đầu là dòng {first}); giữ một dòng",
        "levels_no_row": "không có dòng cho cấp '{level}' bằng '{lang}'; mỗi cấp cần một dòng cho mỗi ngôn ngữ, ví "
            "dụ {example}",
        "reform_too_early": "ngày sắp xếp ({reform:%d/%m/%Y}) phải sau số liệu cuối cùng ({last:%d/%m/%Y}): chọn "
            "một ngày muộn hơn",
        "partial_mismatch": "{folder} chứa báo cáo làm từ số liệu hoặc tham số khác (hoặc không đọc được run.json): "
            "chỉ cập nhật một số {group} sẽ trộn hai lần dự báo trong một thư mục. Hãy làm báo cáo cho mọi {group} "
            "(bỏ {option}), hoặc ghi vào một --out khác.",
        "until_too_far": "ngày kết thúc dự báo ({until:%d/%m/%Y}) cách ngày bắt đầu ({as_of:%d/%m/%Y}) hơn {years} "
            "năm; chọn một ngày gần hơn",
        "targets_lack_columns": "bảng mục tiêu thiếu (các) cột {missing}; cần các cột {expected}",
        "targets_types": "bảng mục tiêu: thời hạn (deadline) phải là ngày dạng YYYY-MM-DD và mục tiêu (target) phải "
            "là số nguyên ({why})",
        "targets_unknown_codes": "bảng mục tiêu có mã {group} không tồn tại: {codes}",
        "deadlines_not_forecast_dates": "các thời hạn {dates} không phải ngày dự báo. Cách xử lý: truyền các ngày "
            "này cho forecast() qua tham số extra_dates=",
        "group_not_ceased": "{group} {code} không bị sáp nhập hay giải thể: các mục tiêu của {group} này không bị "
            "đóng",
        "none_listed": "không có",
        "backtest_few_dates": "kiểm định dự báo trên số liệu cũ (backtest) cần số liệu của các {group} ở ít nhất 3 "
            "ngày; số liệu này có {n} ngày ({dates})",
        "reference_not_in_backtest": "mô hình tham chiếu {reference!r} không có trong lần kiểm định này ({models})",
        "levels_between": "các mức (levels) phải lớn hơn 0 và nhỏ hơn 1; nhận được {level}",
        "level_between": "mức (level) phải lớn hơn 0 và nhỏ hơn 1; nhận được {level}",
        "backtest_needs_model": "hãy nêu ít nhất một mô hình để kiểm định (backtest)",
        "whole_at_least": "{name} phải là số nguyên lớn hơn hoặc bằng {low}; nhận được {value}",
        "origins_too_late": "sau các mốc bắt đầu {origins} không còn số liệu nào để chấm điểm dự báo",
        "nothing_to_score": "không có dự báo nào để chấm điểm: không ước lượng được mô hình nào ở mốc bắt đầu nào, "
            "hoặc không {group} nào có số liệu ở các mốc bắt đầu",
        "negative_counts": "số đếm trong kiểm định (backtest) không thể là số âm",
        "not_forecast_date": "{date:%Y-%m-%d} không phải ngày dự báo; các ngày dự báo là {dates} (truyền "
            "extra_dates= cho forecast() để thêm ngày)",
        "forecast_needs_dataset": "forecast cần một Dataset (từ load_dataset(folder) hoặc Dataset.from_frames(units, "
            "progress, targets)), không phải một {kind}",
        "seed_kind": "seed phải là số nguyên lớn hơn hoặc bằng 0, hoặc một numpy Generator; nhận được {value!r}",
        "unknown_model": "không có mô hình {name!r}; chọn một trong: {models}",
        "unknown_family": "không có họ kịch bản {family!r}; chọn một trong: {families}",
        "no_forecast_file": "{path}: không có tệp dự báo này (tạo tệp bằng cdsanalysis render, hoặc để trống "
            "forecast_file để ước lượng mô hình ngay trong notebook)",
        "not_forecast_file": "{path}: không phải tệp dự báo do cdsanalysis ghi ra ({why})",
        "forecast_file_format": "{path}: tệp dự báo có định dạng {found!r}; phiên bản này đọc định dạng {expected}. "
            "Cách xử lý: chạy lại cdsanalysis render.",
        "steady_mismatch": "dự báo giữ nguyên tốc độ (steady) phải có cùng các ngày và các {group} với dự báo chính",
        "unknown_lang": "lang phải là một trong {langs}; nhận được {value}",
        "no_status_label": "không có nhãn cho trạng thái {status} trong ngôn ngữ {lang}",
        "shocks_choice": "shocks phải là một trong {choices} hoặc None; nhận được {value}",
        "positive_finite": "{name} phải là một số dương hữu hạn; nhận được {value}",
        "unknown_families": "không có các họ kịch bản: {families}",
        "at_least_one": "{name} phải lớn hơn hoặc bằng 1; nhận được {value}",
        "no_scenario_forecast": "không dự báo được kịch bản nào",
        "start_not_half_year_end": "start phải là ngày 30/6 hoặc 31/12; nhận được {date:%d/%m/%Y}",
        "synthetic_bounds": "các tham số phải thỏa mãn: {bounds}",
        "too_few_units": "{n_units} {unit} không đủ cho {n_groups} {group} (mỗi {group} ít nhất một {unit})",
        "merge_at_least_one": "merge phải từ 1 {unit} trở lên",
        "folder_holds_data": "{folder} đã có {files}: chọn một thư mục trống hoặc thư mục mới (số liệu đã có không "
            "bao giờ bị ghi đè)",
        "not_forecast_file_hint": "{path}: không phải tệp dự báo (tạo tệp bằng cdsanalysis render, hoặc để trống "
            "forecast_file để ước lượng mô hình ngay trong notebook)",
        "not_forecast_file_kind": "{path}: không phải tệp dự báo ({kind}); tạo tệp bằng cdsanalysis render, hoặc để "
            "trống forecast_file",
        "forecast_other_data": "{path} được làm từ số liệu {made_from}, không phải {given}",
        "forecast_other_date": "{path} là dự báo tính đến ngày {made_on}, không phải {given}",
        "no_group_given": "{parameter} đang để trống: ghi mã hoặc tên của một {group}",
        "no_figure_to_forecast": "{name} ({code}) không có số liệu tiến độ nào vào hoặc trước ngày {date:%d/%m/%Y}: "
            "không có gì để dự báo. Cách xử lý: thêm số liệu của đơn vị này vào progress.csv.",
        "scheduler_needs_dask": "--scheduler cần gói dask.distributed: cài bằng pip install 'dask[distributed]'",
        "group_list_arg": "{parameter} phải là một danh sách mã hoặc tên không rỗng (hoặc None để lấy mọi {group}); "
            "nhận được {value}",
        "model_choice": "model phải là một trong {models}; nhận được {value}",
        "template_not_found": "{path}: không tìm thấy notebook mẫu",
    },
    "frames": {
        "closed_note": "Đã đóng do sáp nhập năm {year} ({act}): {name} nhập vào {into} từ ngày {date}; trạng thái "
        "cuối cùng {completed}/{total} xã.",
        "ceased_counts": "Lưu ý: {district} đã nhập vào {into} từ ngày {date} ({act}), nhưng còn {n} số liệu đề ngày "
        "sau đó; các số liệu này vẫn được tính theo khung cũ (như trước khi sáp nhập). Từ nay hãy báo cáo các xã "
        "này trong {into}.",
    },
}
