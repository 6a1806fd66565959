"""The wording of a district report, in Vietnamese and English, and how it writes numbers and dates.

`TEXT` holds the prose and table labels of both languages, `RATIO_LABELS` the progress-ratio
labels (after the Open SDG progress measure), `STATUS_COLORS` the colours every output gives a
status. Status labels themselves come from `cdsanalysis.model.assessment`. Light on purpose: the report
kernel imports this module, so it needs nothing beyond numpy and pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cdsanalysis.settings import PROGRESS_RATIO_BANDS, ProgressRatioBands

RATIO_LABELS = {
    "on_track": {"vi": "Nhịp hiện tại đủ", "en": "Today's pace is enough"},
    "acceleration_needed": {"vi": "Cần nhanh hơn", "en": "Needs a faster pace"},
    "limited_progress": {"vi": "Nhịp quá chậm", "en": "Pace far too slow"},
    "deterioration": {"vi": "Số liệu giảm", "en": "Counts falling"},
    "not_applicable": {"vi": "—", "en": "—"},
}
"""The pace note of a progress ratio (from `ratio_label`), in each language.

A note, not a second status: its words differ from every `Status` label, and pages never
colour it as one (the target's one status is the model's, in the targets table).
"""

TEXT = {
    "vi": {
        "heading": "Báo cáo dự báo chuyển đổi số: {name}",
        "as_of": "Số liệu đến ngày {date}",
        "illustrative_title": "Lưu ý: báo cáo này dùng số liệu minh họa, không phải số liệu chính thức.",
        "illustrative_items": {
            "progress": "số xã hoàn thành của đơn vị ({n} trong {m} mốc số liệu là minh họa)",
            "targets": "mục tiêu của đơn vị ({n} trong {m} mục tiêu là phân bổ minh họa)",
            "model": "mô hình được ước lượng chung cho cả tỉnh trên số liệu có phần minh họa",
        },
        "illustrative_end": "Các con số dưới đây minh họa phương pháp; không dùng làm kết luận về đơn vị này.",
        "official": "Mọi số liệu trong báo cáo có nguồn (chính thức, do huyện báo cáo hoặc suy ra từ nguồn).",
        "standing": "Hiện trạng",
        "standing_line": "{done}/{total} xã đã hoàn thành chuyển đổi số ({share}), theo số liệu ngày {date} ({kind}).",
        "interval_line": "Đến {date}, {place} dự kiến có {median} xã hoàn thành (trung vị); khoảng 80 % (4 trên 5 "
                         "khả năng): từ {lower} đến {upper} xã.",
        "wide_province": "Khoảng này rộng vì việc công nhận diễn ra theo từng đợt chung của cả tỉnh: một đợt có thể "
                         "thêm hoặc hụt hàng chục xã, và xu hướng mới chỉ dựa trên {periods} mốc số liệu nửa năm.",
        "wide_district": "Khoảng này rộng vì việc công nhận diễn ra theo từng đợt chung của cả tỉnh (một đợt có thể "
                         "thêm hoặc hụt hàng chục xã trong toàn tỉnh, và đơn vị nào cũng chịu ảnh hưởng) và xu "
                         "hướng mới chỉ dựa trên {periods} mốc số liệu nửa năm.",
        "province_place": "toàn tỉnh",
        "trajectory": "Quỹ đạo và dự báo",
        "targets": "Khả năng đạt mục tiêu",
        "pace": "Tốc độ hiện tại và tốc độ cần thiết",
        "pace_intro": "Ghi chú về nhịp độ chỉ so sánh tốc độ 12 tháng gần nhất với tốc độ cần thiết; đánh giá "
                      "của mục tiêu là cột “Đánh giá” ở bảng trên.",
        "province": "Toàn tỉnh",
        "back": "← Về trang tổng hợp (index.html)",
        "baselines": "So sánh với các phương pháp đơn giản",
        "method": "Ghi chú phương pháp",
        "data_kind": {"actual": "chính thức", "claim": "huyện tự báo cáo", "derived": "suy ra từ nguồn",
                      "illustrative": "minh họa"},
        "target_kind": {"commune_quota": "chỉ tiêu số xã", "all_communes": "toàn bộ số xã"},
        "target_status": {"target": "chính thức", "illustrative": "minh họa"},
        "columns": {
            "deadline": "Hạn", "target": "Mục tiêu (lũy kế)", "kind": "Loại mục tiêu",
            "target_status": "Nguồn mục tiêu", "p_meet": "Xác suất đạt", "expected": "Dự báo (trung bình)",
            "forecast": "Dự báo tại hạn: trung vị (khoảng 80 %)",
            "interval": "Khoảng 80 %", "status": "Đánh giá", "pace_note": "Ghi chú về nhịp độ", "current_pace": "Tốc độ hiện tại (xã/tháng)",
            "required_pace": "Tốc độ cần thiết (xã/tháng)", "pace_ratio": "Tỷ số tiến độ",
            "ratio_label": "Đánh giá theo tỷ số", "model": "Dự báo mô hình (trung vị)",
            "linear": "Xu hướng tuyến tính", "last": "Giữ nguyên số hiện tại",
            "model_meets": "Mô hình: xác suất đạt",
            "steady_meets": "Nếu giữ tốc độ hiện nay: xác suất đạt", "linear_meets": "Tuyến tính: đạt?", "last_meets": "Giữ nguyên: đạt?",
            "item": "Chỉ số", "value": "Giá trị",
        },
        "yes": "đạt", "no": "không đạt",
        "items": {"completed": "Đã hoàn thành", "total": "Tổng số xã", "share": "Tỷ lệ",
                  "observed_on": "Ngày số liệu", "kind": "Loại số liệu", "remaining": "Còn lại"},
        "method_notes": [
            "Mô hình: hazard rời rạc theo nhóm thời gian (log-log bù), ước lượng chung cho các đơn vị cấp huyện "
            "với hiệu ứng từng đơn vị được co về mức chung của tỉnh; mỗi nửa năm có thêm một cú sốc chung cho "
            "cả tỉnh (các đợt thẩm định, công nhận); số xã chưa hoàn thành ở mỗi kỳ hoàn thành theo phân phối "
            "nhị thức.",
            "Xu hướng tăng tốc ước lượng từ số liệu đã có được kéo dài đến hết kỳ dự báo, nhưng cùng với độ bất "
            "định của nó: xu hướng chỉ dựa trên vài nửa năm số liệu, và các đợt công nhận sau có thể nhiều hay "
            "ít hơn hẳn, nên khoảng dự báo xa rất rộng. Nếu tốc độ hoàn thành chỉ giữ nguyên như hiện nay (mô "
            "hình `steady`), xác suất đạt các mục tiêu xa sẽ thấp hơn (xem docs/assumptions.md, M4 và M8).",
            "Dự báo là {draws} đường mô phỏng (seed {seed}); trung vị và các khoảng 50 %, 80 % lấy từ các "
            "đường đó. Xác suất đạt = tỷ lệ đường mô phỏng đạt mục tiêu vào ngày hạn.",
            "Đánh giá: đúng tiến độ khi xác suất đạt ≥ {on_track}, có nguy cơ khi ≥ {at_risk}, chậm tiến độ "
            "khi thấp hơn; mục tiêu đã qua hạn được đánh giá theo số liệu ghi nhận đến ngày hạn (đạt sau hạn: "
            "“đạt muộn”).",
            "Tốc độ hiện tại: số xã hoàn thành thêm mỗi tháng trong 12 tháng số liệu gần nhất. Tốc độ cần "
            "thiết: số xã còn thiếu chia cho số tháng đến hạn. Tỷ số tiến độ = hiện tại / cần thiết "
            "và ghi chú về nhịp độ: từ 0,95 “nhịp hiện tại đủ”, 0,60–0,95 “cần nhanh hơn”, dưới 0,60 “nhịp quá "
            "chậm” (một ghi chú, không phải đánh giá thứ hai).",
            "Các phương pháp đơn giản: xu hướng tuyến tính của số lũy kế (như FORECAST.LINEAR của Excel) và "
            "giữ nguyên số hiện tại. Công nhận thường đến sau khi xã hoàn thành, nên số liệu có thể thấp hơn "
            "thực tế ở thời điểm hạn.",
        ],
    },
    "en": {
        "heading": "Digital transformation forecast: {name}",
        "as_of": "Data as of {date}",
        "illustrative_title": "Note: this report uses illustrative figures, not official ones.",
        "illustrative_items": {
            "progress": "the district's completed communes ({n} of {m} observations are illustrative)",
            "targets": "the district's targets ({n} of {m} targets are an illustrative allocation)",
            "model": "the model is fitted across the province on data that are partly illustrative",
        },
        "illustrative_end": "The figures below illustrate the method; they are not findings about this district.",
        "official": "Every figure in this report has a source (recognised, the district's claim, or derived).",
        "standing": "Where the district stands",
        "standing_line": "{done}/{total} communes have completed digital transformation ({share}), as of {date} ({kind}).",
        "interval_line": "By {date}, {place} is expected to have {median} communes completed (median); 80% "
                         "interval (four chances in five): {lower} to {upper}.",
        "wide_province": "The interval is wide because recognition comes in province-wide rounds: one round can add "
                         "or miss dozens of communes, and the trend rests on only {periods} half-yearly figures.",
        "wide_district": "The interval is wide because recognition comes in province-wide rounds (one round can add "
                         "or miss dozens of communes across the province, and every district feels it) and the "
                         "trend rests on only {periods} half-yearly figures.",
        "province_place": "the province",
        "trajectory": "Trajectory and forecast",
        "targets": "Chances of meeting the targets",
        "pace": "Current pace and required pace",
        "pace_intro": "The pace note only compares the last 12 months' pace with the pace required; a target's "
                      "status is the \"Status\" column of the table above.",
        "province": "Whole province",
        "back": "← Back to the summary page (index.html)",
        "baselines": "Beside simple methods",
        "method": "Method notes",
        "data_kind": {"actual": "recognised", "claim": "district's claim", "derived": "derived from sources",
                      "illustrative": "illustrative"},
        "target_kind": {"commune_quota": "commune quota", "all_communes": "all communes"},
        "target_status": {"target": "official", "illustrative": "illustrative"},
        "columns": {
            "deadline": "Deadline", "target": "Target (cumulative)", "kind": "Kind",
            "target_status": "Target source", "p_meet": "Chance of meeting it", "expected": "Forecast (mean)",
            "forecast": "Forecast at the deadline: median (80% interval)",
            "interval": "80% interval", "status": "Status", "pace_note": "Pace note", "current_pace": "Current pace (communes/month)",
            "required_pace": "Required pace (communes/month)", "pace_ratio": "Progress ratio",
            "ratio_label": "Progress ratio label", "model": "Model forecast (median)",
            "linear": "Linear trend", "last": "Last value carried forward",
            "model_meets": "Model: chance of meeting it",
            "steady_meets": "If today's rate holds: chance", "linear_meets": "Linear: met?", "last_meets": "Last value: met?",
            "item": "Item", "value": "Value",
        },
        "yes": "met", "no": "not met",
        "items": {"completed": "Completed", "total": "Communes in total", "share": "Share",
                  "observed_on": "Date of the figure", "kind": "Kind of figure", "remaining": "Remaining"},
        "method_notes": [
            "Model: a grouped-time discrete hazard model (complementary log-log), fitted jointly across the "
            "district-level units, with each unit's effect shrunk toward the province and a shock shared by the "
            "whole province in each half-year (rounds of appraisal and recognition); the communes not yet "
            "completed in each period complete as a binomial draw.",
            "The acceleration estimated from the data so far is carried forward to the end of the horizon, "
            "together with its uncertainty: the trend rests on a few half-years of data and later rounds may "
            "recognise far more or far fewer communes, so distant intervals are wide. If the completion rate "
            "only stays at today's level (model `steady`), the chances of meeting distant targets are lower "
            "(see docs/assumptions.md, M4 and M8).",
            "The forecast is {draws} simulated paths (seed {seed}); the median and the 50% and 80% intervals "
            "come from those paths. P(meet) = the share of paths that reach the target by its deadline.",
            "Status: on track when P(meet) ≥ {on_track}, at risk when ≥ {at_risk}, off track below; targets "
            "whose deadline has passed are judged on the count recorded by the deadline (reached later: "
            "\"achieved late\").",
            "Current pace: communes completed per month over the last 12 months of data. Required pace: the "
            "communes still needed divided by the months to the deadline. Progress ratio = current / required "
            "and the pace note: from 0.95 \"today's pace is enough\", 0.60–0.95 \"needs a faster pace\", below 0.60 "
            "\"pace far too slow\" (a note, not a second status).",
            "Simple methods: the linear trend of the cumulative count (Excel's FORECAST.LINEAR) and the last "
            "value carried forward. Recognition comes after completion, so counts may lag the situation at a "
            "deadline.",
        ],
    },
}
"""Report prose, Vietnamese and English; status labels come from `cdsanalysis.model.assessment`."""

STATUS_COLORS = {
    "achieved": ("#1a7f37", "#ffffff"),
    "achieved_late": ("#8fbf9f", "#1f2328"),
    "on_track": ("#b7e4c7", "#0b3d1f"),
    "at_risk": ("#ffe08a", "#5c4400"),
    "off_track": ("#f4a6a6", "#5c0a0a"),
    "missed": ("#b42318", "#ffffff"),
    "beyond_horizon": ("#e4e4e4", "#333333"),
    "insufficient_data": ("#e4e4e4", "#333333"),
}
"""Status -> (fill, text) colours, shared by the HTML tables, index.html and summary.xlsx."""


WIDE_SHARE = 0.25
"""An 80 % interval is called wide when it spans at least this share of the communes still pending."""


def interval_text(lang: str, *, place: str, rows: list[tuple[str, float, float, float]], pending: int,
                  periods: int, province: bool) -> str:
    """How sure the forecast is, in words: one sentence per (date, median, lower, upper), dates formatted.

    When any 80 % interval is wide (at least `WIDE_SHARE` of the ``pending`` communes, and 3),
    one sentence says why: province-wide rounds and a trend resting on ``periods`` figures.
    Rows with a missing number are left out; no rows give "".
    """
    text = TEXT[lang]
    lines, wide = [], False
    for date, median, lower, upper in rows:
        if any(v is None or not np.isfinite(v) for v in (median, lower, upper)):
            continue
        lines.append(text["interval_line"].format(date=date, place=place, median=int(median), lower=int(lower),
                                                  upper=int(upper)))
        wide = wide or (upper - lower >= 3 and upper - lower >= WIDE_SHARE * pending)
    if lines and wide:
        lines.append(text["wide_province" if province else "wide_district"].format(periods=periods))
    return " ".join(lines)


def ratio_label(ratio: float, bands: ProgressRatioBands = PROGRESS_RATIO_BANDS) -> str:
    """Open SDG label of a progress ratio; ``not_applicable`` when it is undefined (NaN)."""
    if ratio is None or not np.isfinite(ratio):
        return "not_applicable"
    if ratio >= bands.on_track:
        return "on_track"
    if ratio >= bands.limited:
        return "acceleration_needed"
    return "limited_progress" if ratio >= 0 else "deterioration"
