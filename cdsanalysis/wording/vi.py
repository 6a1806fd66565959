"""Every word a Vietnamese reader sees: report, index page, workbook, charts, Word, terminal, the district form.

Keys are shared with `cdsanalysis.wording.en` (a test checks it); placeholders in braces are filled by the
content and writer modules. Add a sentence here and in `en.py` under the same key, never in a module of a layer.
"""

from cdsanalysis.wording.en import WORDS as _EN

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
    # The CLI's own lines and the terminal tables' column heads read the same in both languages today
    # (the commands speak English and quote the form's Vietnamese terms): one text, in en.py.
    "cli": {**_EN["cli"],
            "form_written": "đã ghi {path}: các {group} điền cột D (số xã được tỉnh công nhận, lũy kế; {group} chưa "
            "báo cáo để trống, không ghi 0), rồi nhập bằng 'cdsanalysis import {path} --out THƯ_MỤC_SỐ_LIỆU'",
            "more_warnings": "… và {n} cảnh báo khác (Dataset.warnings() liệt kê đủ)"},
    "console": {
        "standing_title": "Số xã hoàn thành chuyển đổi số, số liệu đến {date}",
        "standing_columns": ["mã", "đơn vị", "đã hoàn thành", "tỷ lệ", "ngày số liệu", "loại số liệu"],
        "standing_note": "Lưu ý: các dòng ghi 'illustrative' là số liệu minh họa để lấp chỗ trống trong số "
        "liệu công bố (xem data/README.md); đây không phải số liệu chính thức.",
        "columns": _EN["console"]["columns"],
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
        "mới có số liệu ở {own} trong {periods} mốc báo cáo.",
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
            "năm có một mức dao động chung cho cả {top} (đợt công nhận nhiều hay ít); cuối năm thường "
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
    "render_run": _EN["render_run"],
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
    "frames": {
        "closed_note": "Đã đóng do sáp nhập năm {year} ({act}): {name} nhập vào {into} từ ngày {date}; trạng thái "
        "cuối cùng {completed}/{total} xã.",
        "ceased_counts": "Lưu ý: {district} đã nhập vào {into} từ ngày {date} ({act}), nhưng còn {n} số liệu đề ngày "
        "sau đó; các số liệu này vẫn được tính theo khung cũ (như trước khi sáp nhập). Từ nay hãy báo cáo các xã "
        "này trong {into}.",
    },
}
