"""The boilerplate lexicon: whole short lines that are portal furniture, never the end of an ordinary sentence."""

import pytest

from crawler.boilerplate import is_boilerplate
from crawler.extract import is_date_line


@pytest.mark.parametrize(
    "sentence",
    [
        "Giá vàng trong nước giảm 10 đồng ở chiều bán so với hôm qua.",
        "Hợp tác xã đã thu hoạch xong 20 ha lúa hôm nay.",
        "Đoàn công tác sẽ làm việc với các hợp tác xã trong tuần này.",
        "Liên minh Hợp tác xã tỉnh sẽ tổng kết mô hình trong tuần.",
        "Số lượt khách đến tham quan tăng mạnh trong tuần này.",
        "Các thành viên hợp tác xã đều được chia lãi, tính tất cả.",
        "Quỹ tín dụng nhân dân đã giải ngân 2,1 tỷ đồng trong tháng 10, 2024.",
        "Người dân đang truy cập vào hệ thống để nộp hồ sơ trực tuyến từ hôm qua.",
        "Hội nghị tổng kết đã được tổ chức vào sáng hôm nay.",
        "Read the advertisement the cooperative placed in the paper.",
        "Comments from members were collected before the congress.",
        "Close to 300 members attended the general assembly.",
        "Photographs of the new drying kiln were shown to the 158 members at the congress.",
        "1/3 diện tích lúa của hợp tác xã đạt chứng nhận hữu cơ.",
    ],
)
def test_sentences_ending_in_counter_words_are_kept(sentence):
    assert not is_boilerplate(sentence)


@pytest.mark.parametrize(
    "line",
    [
        "Hôm nay: 1.234",
        "Hôm qua: 2.345",
        "Trong tuần: 12.345",
        "Tuần này 345",
        "Trong tháng: 45.678",
        "Tất cả: 1.234.567",
        "Đang online: 12",
        "Hôm nay: 1.234 Hôm qua: 2.345 Tất cả: 98.765",
        "Tổng lượt truy cập: 1.234.567",
        "Thống kê truy cập",
        "In bài viết | Gửi email",
        "Chia sẻ",
        "Continue Reading Below",
        "Advertisement",
        "Image 1 of / 9",
        "858 shares",
        "Sharing is caring!",
        "Back to gallery",
        "1 / 9",
        "Photo: Gene J. Puskar",
        "Image copyright EPA",
        "Media playback is unsupported on your device",
    ],
)
def test_counter_and_tool_lines_are_boilerplate(line):
    assert is_boilerplate(line)


def test_an_english_published_line_is_a_date_line():
    assert is_date_line("Published 11:11 PM EST Nov 19, 2019")
    assert not is_date_line("Published figures show 1.241 cooperatives in 2023, up from 1.100.")


def test_a_line_with_only_a_date_is_a_date_line():
    assert is_date_line("NOVEMBER 20, 2019 10:43")
    assert is_date_line("Thứ Sáu, 30/08/2024")
    assert not is_date_line("Hà Nội, ngày 30/08/2024")  # a letter's place and date line stays
    assert not is_date_line("Hợp tác xã họp ngày 30/8/2024.")


def test_a_byline_with_a_date_is_a_date_line_and_a_sentence_with_both_is_not():
    assert is_date_line("By Staff Reporter | November 18, 2019 at 2:26 PM - Updated November 18 at 4:46 PM")
    assert is_date_line("30/08/2024 - Đăng bởi: Nguyễn Văn An - Chuyên mục: Kinh tế tập thể")
    assert is_date_line("Cập nhật 08:15 30/08/2024 | Tác giả: Hồng Nhung")
    assert not is_date_line("Theo Báo Trà Vinh")  # a source credit without a date stays
    assert not is_date_line("By 30/08/2024 the cooperative had signed contracts with three companies.")
    assert not is_date_line("Đăng ký thành viên mới đến ngày 30/8/2024 - hợp tác xã cho biết đã có 45 hộ.")
