"""A deterministic synthetic corpus of Vietnamese cooperative news, for benchmarks.

The text is built from a vocabulary of a few thousand real Vietnamese words and phrases (function words,
news words, the cooperative domain, farm products, place and person names) drawn with a Zipf-like
frequency: "hợp tác xã" / "HTX" occurs in nearly every article, as in the real corpus. Each article has a
province (one of the 63 former units), a publication date in 2015–2026, a couple of topic words it repeats,
and a tone-mark style (old "hòa, thủy", new "hoà, thuỷ", or both mixed in one text, as on real portals).

Articles are generated one at a time (:func:`articles` is a generator): the same ``seed`` always gives the
same corpus, so two indexes can be built from two passes without keeping the text in memory.
"""

import random
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta

from indexer.article import Article
from indexer.vietnamese.provinces import Province, all_provinces

# --------------------------------------------------------------------------------------------------------
# Vocabulary. Entries are display forms (case as printed); a comma separates entries. Multi-syllable words
# are single entries. The HEAD is in rough frequency order and gets the top Zipf ranks; the TAIL lists are
# shuffled together (with a fixed seed, independent of the corpus seed) and follow it.
# --------------------------------------------------------------------------------------------------------

HEAD = """
của, và, các, là, có, được, trong, cho, với, những, đã, này, để, hợp tác xã, một, người, không, đến, từ,
theo, thành viên, về, tại, khi, năm, trên, ra, cũng, sản xuất, như, nhiều, đó, phát triển, sẽ, đang, hơn,
sau, vào, lại, còn, hỗ trợ, tỷ đồng, phải, nhằm, qua, kinh tế tập thể, nông nghiệp, do, nên, sản phẩm,
nhưng, thì, mà, đều, tỉnh, huyện, xã, cùng, doanh thu, hoạt động, Ủy ban nhân dân, liên kết, bằng, tổ hợp tác,
hiệu quả, hộ, mới, chỉ, vẫn, triệu đồng, nông dân, thực hiện, quỹ tín dụng nhân dân, đồng chí, ở, nâng cao,
tiêu thụ, Liên minh Hợp tác xã, chương trình, kế hoạch, lao động, OCOP, thị trường, vốn, tham gia, trong đó,
hoặc, gồm, cả, mỗi, từng, đây, nay, trước, giữa, việc, tổ chức, triển khai, đẩy mạnh, tăng cường, nông sản,
kinh tế, xây dựng, chính sách, địa phương, giám đốc, ban quản trị, lợi nhuận, thu nhập, nông thôn mới,
chuyển đổi số, đại hội thành viên, hội nghị, nghị quyết, Luật Hợp tác xã năm 2023, tín dụng, đào tạo,
tập huấn, dịch vụ, chuỗi giá trị, doanh nghiệp, người dân, tăng, giảm, đạt, bình quân, tổng, trên địa bàn
"""

FUNCTION_TAIL = """
nữa, rất, mới đây, hiện nay, luôn, vừa, thêm, lên, xuống, nhau, ngày, tháng, quý, hiện, tới, chưa,
tất cả, đặc biệt, trong thời gian tới, thời gian qua, bên cạnh đó, ngoài ra, tuy nhiên, vì vậy, do đó,
bởi vì, nếu, thậm chí, chủ yếu, phần lớn, khoảng, gần, hơn nữa, đồng thời, trong khi, sau khi, trước khi,
cụ thể, như vậy, nhờ, nhờ đó, từ đó, đến nay, đến năm, giai đoạn, so với, cùng kỳ, kế tiếp, tiếp tục,
ngay, sớm, kịp thời, thường xuyên, định kỳ, hằng năm, hàng năm, hằng tháng, mỗi năm, gần đây, lâu nay,
cuối năm, đầu năm, giữa năm, 6 tháng đầu năm, 9 tháng, trước mắt, lâu dài, dần, từng bước, ngày càng,
chính, riêng, chung, khác, nhất, nữa là, ví dụ, chẳng hạn, thông qua, dựa trên, đối với, liên quan,
về phía, phía, bên, chiều, sáng, chiều nay, sáng nay, hôm nay, hôm qua, vừa qua, trên cơ sở, căn cứ
"""

DOMAIN_TAIL = """
HTX nông nghiệp, HTX dịch vụ nông nghiệp, HTX kiểu mới, liên hiệp hợp tác xã, kinh tế hợp tác,
xã viên, hội đồng quản trị, ban kiểm soát, kiểm soát viên, chủ tịch hội đồng quản trị, điều lệ,
vốn điều lệ, vốn góp, góp vốn, phương án sản xuất kinh doanh, đại hội, nhiệm kỳ, thành lập mới, giải thể,
ngừng hoạt động, chuyển đổi, tổ chức lại, đăng ký, giấy chứng nhận, quỹ hỗ trợ phát triển hợp tác xã,
quỹ tín dụng, tín dụng nhân dân, cho vay, huy động vốn, dư nợ, nợ xấu, lãi suất, tiền gửi, an toàn hệ thống,
Ngân hàng Nhà nước, Ngân hàng Hợp tác xã, Ngân hàng Chính sách xã hội, Co-opBank, Liên minh Hợp tác xã Việt Nam,
mô hình hợp tác xã, mô hình, điển hình, điển hình tiên tiến, gương, thi đua, khen thưởng, bằng khen,
Hội Nông dân, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Mặt trận Tổ quốc, Hội đồng nhân dân, Tỉnh ủy,
Sở Nông nghiệp và Phát triển nông thôn, Sở Nông nghiệp và Môi trường, Sở Kế hoạch và Đầu tư, Sở Tài chính,
Sở Công Thương, Sở Khoa học và Công nghệ, Chi cục Phát triển nông thôn, Phòng Nông nghiệp, Phòng Kinh tế,
Ban Chỉ đạo, Ban Tuyên giáo, Ban Dân vận, Liên minh HTX tỉnh, Chủ tịch UBND tỉnh, Phó Chủ tịch UBND tỉnh,
Chủ tịch Liên minh Hợp tác xã tỉnh, Nghị quyết số 20-NQ/TW, Kết luận số 70-KL/TW, Nghị định 45,
Chỉ thị 20, Quyết định 1318, chương trình mỗi xã một sản phẩm, sản phẩm OCOP 3 sao, sản phẩm OCOP 4 sao,
sao OCOP, chủ thể OCOP, nông nghiệp công nghệ cao, nông nghiệp hữu cơ, nông nghiệp sạch,
nông nghiệp tuần hoàn, kinh tế xanh, kinh tế số, thương mại điện tử, sàn thương mại điện tử, livestream,
mã QR, truy xuất nguồn gốc, mã số vùng trồng, VietGAP, GlobalGAP, tiêu chuẩn hữu cơ, chứng nhận,
xúc tiến thương mại, hội chợ, triển lãm, gian hàng, kết nối cung cầu, bao tiêu sản phẩm, hợp đồng liên kết,
cánh đồng lớn, vùng nguyên liệu, vùng chuyên canh, cơ giới hóa, máy gặt đập liên hợp, nhà màng, nhà lưới,
tưới tiết kiệm, tưới nhỏ giọt, kho lạnh, sơ chế, chế biến, bảo quản, đóng gói, bao bì, nhãn mác,
thương hiệu, nhãn hiệu tập thể, chỉ dẫn địa lý, tem điện tử, chuyển đổi cơ cấu cây trồng, tái cơ cấu,
cán bộ quản lý, cán bộ trẻ, tốt nghiệp đại học, bồi dưỡng, nguồn nhân lực, khoa học kỹ thuật,
ứng dụng công nghệ, khuyến nông, giống mới, vật tư nông nghiệp, phân bón, thuốc bảo vệ thực vật,
thức ăn chăn nuôi, dịch vụ đầu vào, dịch vụ thủy lợi, nước sạch, vệ sinh môi trường, thu gom rác,
điện, tiêu thoát nước, giao thông nội đồng, kênh mương, tổ hợp tác nuôi ong, tổ hợp tác trồng rau,
làng nghề, nghề truyền thống, mây tre đan, gốm, dệt thổ cẩm, du lịch cộng đồng, du lịch nông nghiệp,
homestay, ẩm thực, đặc sản, hàng hóa, nông thôn, khu dân cư, hộ gia đình, hộ nghèo, cận nghèo,
giảm nghèo bền vững, việc làm, sinh kế, đồng bào dân tộc thiểu số, vùng sâu vùng xa, miền núi, ven biển,
đồng bằng sông Cửu Long, Tây Nguyên, Tây Bắc, Đông Nam Bộ, Bắc Trung Bộ, Nam Trung Bộ, đồng bằng sông Hồng,
biến đổi khí hậu, hạn mặn, xâm nhập mặn, thiên tai, dịch bệnh, dịch tả lợn châu Phi, Covid-19,
phục hồi, tháo gỡ khó khăn, vướng mắc, kiến nghị, đề xuất, giải pháp, nhiệm vụ, mục tiêu, chỉ tiêu,
kết quả, thành tựu, hạn chế, tồn tại, nguyên nhân, bài học kinh nghiệm, định hướng, tầm nhìn, chiến lược,
đề án, dự án, kế hoạch hành động, lộ trình, ngân sách, ngân sách nhà nước, kinh phí, nguồn lực,
hỗ trợ lãi suất, ưu đãi, miễn giảm thuế, đất đai, mặt bằng sản xuất, trụ sở, cơ sở hạ tầng
"""

NEWS_TAIL = """
thực trạng, tình hình, số liệu, thống kê, báo cáo, tổng kết, sơ kết, đánh giá, kiểm tra, giám sát,
thanh tra, khảo sát, làm việc, đoàn công tác, buổi làm việc, cuộc họp, hội thảo, tọa đàm, diễn đàn,
lễ ra mắt, lễ trao, trao tặng, trao quyết định, ký kết, biên bản ghi nhớ, phát biểu, nhấn mạnh, cho biết,
chia sẻ, khẳng định, đề nghị, yêu cầu, chỉ đạo, giao, phân công, phối hợp, lồng ghép, huy động, vận động,
tuyên truyền, phổ biến, quán triệt, nâng cao nhận thức, khuyến khích, tạo điều kiện, thu hút, mở rộng,
duy trì, củng cố, kiện toàn, đổi mới, cải thiện, nâng cấp, hoàn thiện, hoàn thành, vượt, vượt kế hoạch,
tăng trưởng, ổn định, bền vững, hiệu quả kinh tế, giá trị, giá trị gia tăng, lợi ích, quyền lợi, trách nhiệm,
nghĩa vụ, minh bạch, công khai, dân chủ, tự nguyện, bình đẳng, cùng có lợi, tương trợ, cộng đồng,
tập thể, cá nhân, tổ chức tín dụng, khách hàng, đối tác, nhà khoa học, nhà nước, nhà nông, doanh nhân,
thương lái, người tiêu dùng, siêu thị, chợ, cửa hàng, điểm bán, kênh phân phối, xuất khẩu, nhập khẩu,
thị trường trong nước, thị trường nước ngoài, Nhật Bản, Hàn Quốc, Trung Quốc, châu Âu, Hoa Kỳ, Úc,
giá bán, giá thành, chi phí, đầu vào, đầu ra, năng suất, sản lượng, chất lượng, diện tích, quy mô,
tấn, ha, hecta, kg, con, cây, lít, mét vuông, héc-ta, tỷ lệ, phần trăm, lượt, hộ dân, người lao động,
công nhân, nông hộ, trang trại, gia trại, cơ sở, doanh nghiệp nhỏ và vừa, công ty, tập đoàn, nhà máy,
xưởng, kho, máy móc, thiết bị, công nghệ, kỹ thuật, quy trình, phần mềm, dữ liệu, internet, điện thoại,
mạng xã hội, Facebook, Zalo, website, trực tuyến, trực tiếp, thông tin, truyền thông, báo chí, phóng viên,
bài viết, ảnh, video, sự kiện, hoạt động, phong trào, cuộc thi, giải thưởng, danh hiệu, huân chương,
kỷ niệm, ngày thành lập, truyền thống, lịch sử, văn hóa, xã hội, giáo dục, y tế, môi trường, tài nguyên,
an ninh, quốc phòng, trật tự, pháp luật, quy định, văn bản, hướng dẫn, thủ tục, hồ sơ, giấy tờ, cấp phép,
chính quyền, cơ quan, đơn vị, ban ngành, đoàn thể, cấp ủy, cấp tỉnh, cấp huyện, cấp xã, trung ương,
lãnh đạo, chủ tịch, phó chủ tịch, trưởng ban, phó trưởng ban, trưởng phòng, phó giám đốc, cán bộ,
công chức, viên chức, đảng viên, bí thư, phó bí thư, đại biểu, khách mời, tỉnh bạn, các tỉnh, cả nước,
Việt Nam, Chính phủ, Thủ tướng, Quốc hội, Bộ Nông nghiệp và Phát triển nông thôn, Bộ Kế hoạch và Đầu tư,
Bộ Tài chính, Bộ Công Thương, Bộ Nông nghiệp và Môi trường, Trung ương Hội, Ban Kinh tế Trung ương
"""

GENERAL_TAIL = """
công việc, cuộc sống, đời sống, gia đình, con em, thế hệ, tương lai, niềm tin, tâm huyết, quyết tâm,
nỗ lực, cố gắng, kinh nghiệm, kiến thức, kỹ năng, năng lực, trình độ, chuyên môn, nghiệp vụ, sáng tạo,
sáng kiến, ý tưởng, khởi nghiệp, thanh niên, phụ nữ, người cao tuổi, cựu chiến binh, học sinh, sinh viên,
trẻ, già, lớn, nhỏ, cao, thấp, tốt, xấu, mạnh, yếu, nhanh, chậm, rộng, hẹp, dài, ngắn, nhiều hơn, ít,
đầy đủ, thiếu, khó khăn, thuận lợi, thách thức, cơ hội, tiềm năng, lợi thế, thế mạnh, điểm mạnh, điểm yếu,
vấn đề, nội dung, hình thức, phương thức, phương pháp, cách làm, hướng đi, con đường, bước đi, bước đầu,
ban đầu, cuối cùng, đầu tiên, thứ hai, thứ ba, lần đầu, lần thứ, nhiều năm, nhiều lần, hằng ngày, mùa vụ,
vụ mùa, vụ đông xuân, vụ hè thu, vụ thu đông, thu hoạch, gieo trồng, xuống giống, chăm sóc, bón phân,
phun thuốc, tưới nước, làm đất, cày, cấy, gặt, phơi, sấy, xay xát, vận chuyển, giao hàng, bốc xếp,
thu mua, bán, mua, trả, nhận, gửi, chuyển, đi, đến thăm, thăm, gặp, hỏi, trả lời, nói, biết, hiểu,
thấy, nhìn, nghe, học, dạy, làm, giúp, cần, muốn, nên làm, có thể, không thể, phải có, bảo đảm, đảm bảo,
góp phần, tạo ra, mang lại, đem lại, giúp đỡ, chăm lo, quan tâm, ủng hộ, đồng hành, chung tay, gắn bó,
gắn kết, gắn với, đi đôi với, kết hợp, tích hợp, tận dụng, khai thác, phát huy, bảo tồn, gìn giữ, bảo vệ,
phòng chống, ứng phó, khắc phục, xử lý, giải quyết, điều chỉnh, sửa đổi, bổ sung, ban hành, công bố,
phê duyệt, thông qua, thống nhất, đồng ý, nhất trí, biểu quyết, bầu, bầu cử, ứng cử, đề cử, bổ nhiệm,
miễn nhiệm, nghỉ hưu, nhiệm vụ trọng tâm, năm tới, năm nay, năm trước, năm ngoái, trong năm, cả năm,
tuần, tuần qua, tháng trước, tháng này, quý I, quý II, quý III, quý IV, nửa đầu năm, cuối tháng, đầu tháng,
buổi sáng, buổi chiều, thời điểm, thời gian, thời kỳ, thời vụ, kịp thời vụ, mùa mưa, mùa khô, mùa lũ,
nắng, mưa, gió, bão, lũ, lụt, hạn hán, sạt lở, nước, đất, khí hậu, thời tiết, nhiệt độ, độ ẩm,
sông, suối, hồ, ao, biển, đảo, núi, đồi, rừng, ruộng, vườn, rẫy, nương, đồng, bãi, bờ, kênh, đê, đập,
đường, cầu, nhà, trường học, trạm y tế, nhà văn hóa, trụ sở làm việc, chợ nông thôn, bến, cảng, khu công nghiệp
"""

PRODUCT_TAIL = """
lúa, gạo, lúa gạo, gạo thơm, gạo ST25, lúa chất lượng cao, nếp, ngô, khoai lang, khoai tây, khoai mì, sắn,
đậu nành, đậu phộng, lạc, vừng, mè, rau, rau màu, rau an toàn, rau hữu cơ, rau thủy canh, củ quả, hành tím,
tỏi, ớt, gừng, nghệ, sả, hoa, hoa lan, hoa mai, hoa cúc, cây cảnh, cây ăn quả, trái cây, xoài, xoài cát Hòa Lộc,
bưởi, bưởi da xanh, cam, cam sành, quýt, chanh, chanh dây, chuối, dứa, khóm, thanh long, sầu riêng,
chôm chôm, nhãn, vải thiều, mít, dừa, dừa sáp, măng cụt, vú sữa, ổi, mận, đào, lê, hồng, na, mãng cầu,
dưa hấu, dưa lưới, cà chua, bắp cải, súp lơ, dưa chuột, cà phê, cà phê Robusta, hồ tiêu, điều, hạt điều,
chè, trà, chè Shan tuyết, cao su, mía, bơ, mắc ca, ca cao, dược liệu, sâm, sâm Ngọc Linh, quế, hồi,
thảo quả, atiso, đinh lăng, nấm, nấm rơm, nấm linh chi, mật ong, yến sào, tôm, tôm sú, tôm thẻ chân trắng,
cá, cá tra, cá rô phi, cá lóc, cá chép, cua, ốc, nghêu, sò, hàu, thủy sản, hải sản, nuôi trồng thủy sản,
đánh bắt, khai thác hải sản, muối, nước mắm, heo, lợn, lợn rừng, bò, bò sữa, sữa, gà, gà thả vườn, vịt,
trứng, dê, trâu, thỏ, chim cút, tằm, dâu tằm, chăn nuôi, trồng trọt, lâm nghiệp, trồng rừng, gỗ, keo,
tre, nứa, mây, cói, lục bình, chổi đót, bánh, bánh tráng, bún, phở, miến, mì, kẹo dừa, mứt, rượu,
rượu cần, nước giải khát, tinh dầu, mỹ phẩm, thổ cẩm, chiếu, nón lá, hàng thủ công mỹ nghệ
"""


MORE_WORDS_TAIL = """
ăn uống, ăn ở, an toàn thực phẩm, an sinh xã hội, áp dụng, áp lực, ảnh hưởng, âm thầm, ấn tượng, bài toán,
bàn giao, bàn bạc, bản chất, bản lĩnh, bảo hiểm, bảo hiểm xã hội, bảo hiểm y tế, bảo dưỡng, bảo hành,
bày tỏ, bắt đầu, bắt buộc, bất cập, bất lợi, biện pháp, biểu dương, biểu hiện, bình chọn, bình ổn, bố trí,
bổ ích, bộ máy, bộ phận, bồi thường, bùng phát, buôn bán, bứt phá, cải cách, cải tạo, cải tiến, cảm ơn,
cam kết, cạnh tranh, cân đối, cần thiết, cấp bách, cấp thiết, cầu nối, câu chuyện, chậm trễ, chất lượng cao,
chất thải, chế độ, chỉ số, chia lợi nhuận, chiếm, chiến dịch, chính thức, chủ động, chủ trì, chủ trương,
chuẩn bị, chuẩn hóa, chuyên gia, chuyên đề, chứng kiến, chứng minh, có hiệu lực, cổ phần, cổ phần hóa,
công bằng, công cụ, công đoàn, công ích, công nghiệp, công suất, công tác, công trình, cung cấp, cung ứng,
cơ cấu, cơ chế, cơ giới, cơ hội việc làm, của cải, cụm công nghiệp, cung cầu, cuộc vận động, dân cư,
dân sinh, dân số, dẫn đầu, dịch chuyển, diễn ra, doanh số, dồi dào, dự báo, dự kiến, dự toán, dư thừa,
đa dạng, đa dạng hóa, đại diện, đại trà, đàm phán, đánh giá cao, đáng kể, đáp ứng, đạt chuẩn, đặt hàng,
đặt ra, đầu mối, đầu tư công, đề cao, để lại, điều hành, điều kiện, điều phối, điều tra, định mức,
đóng góp, đón nhận, đột phá, đơn giản, đơn hàng, đơn vị tính, đúng hạn, được mùa, được giá, đứng đầu,
gia công, gia tăng, giá cả, giá trị sản xuất, giải ngân, giải thích, giao dịch, giao thương, giảm thiểu,
giám sát viên, giới thiệu, góp ý, hài hòa, hài lòng, hạ tầng, hạch toán, hàng đầu, hàng rào, hạng mục,
hành chính, hành động, hạt nhân, hậu cần, hệ thống, hiện đại, hiện đại hóa, hiện thực, hình ảnh,
hoàn cảnh, hoàn chỉnh, học hỏi, học tập, hội viên, hội nhập, hợp lý, hợp nhất, hưởng lợi, hưởng ứng,
hướng tới, khả năng, khai trương, khách quan, khan hiếm, khẩn trương, khép kín, khiêm tốn, khó khăn chung,
khoản vay, khởi công, khối lượng, không ngừng, khu vực, khuyến mãi, kiểm định, kiểm soát, kiểm toán,
kinh doanh, kinh tế hộ, kịp thời, ký kết hợp đồng, lãng phí, lan rộng, liên doanh, liên thông, linh hoạt,
lo lắng, loại hình, lợi ích chung, lũy kế, lưu thông, lựa chọn, lực lượng, mạng lưới, may mắn, mẫu mã,
minh chứng, mô hình mẫu, mở cửa, mục đích, mức độ, năng động, nắm bắt, nặng nề, ngành hàng, ngành nghề,
ngân hàng thương mại, nghiên cứu, nghiệm thu, ngưỡng, nguồn cung, nguồn gốc, nguồn thu, nguy cơ,
nhanh chóng, nhạy bén, nhân rộng, nhân sự, nhận diện, nhận thức, nhập, nhất định, nhu cầu, nổi bật,
nội bộ, nội lực, nông lâm thủy sản, phát sinh, phân bổ, phân công, phân loại, phân tích, phấn đấu,
phổ biến, phù hợp, phục vụ, quan điểm, quan hệ, quản lý, quản trị, quy chế, quy hoạch, quy mô lớn,
quyền sử dụng đất, quyết liệt, rà soát, rõ ràng, rủi ro, sa sút, sản phẩm chủ lực, sản phẩm đặc trưng,
sáp nhập, sắp xếp, sẵn sàng, sức khỏe, sức mua, sức sống, tác động, tài khoản, tái đầu tư, tái sản xuất,
tạm thời, tận tình, tầm quan trọng, tập trung, thành công, thành quả, thành tích, thay đổi, thẩm định,
thẩm quyền, thân thiện, thấu hiểu, thiết thực, thiết yếu, thiệt hại, thỏa thuận, thống nhất, thu hút đầu tư,
thuận tiện, thúc đẩy, thuê, thực chất, thực tế, thực tiễn, tích cực, tích lũy, tích tụ ruộng đất, tiềm lực,
tiên phong, tiện ích, tiến độ, tiết kiệm, tiêu biểu, tiêu chí, tìm hiểu, tin tưởng, tình trạng, toàn diện,
tổ công tác, tối đa, tối ưu, tồn đọng, tổng hợp, tổng thể, trách nhiệm xã hội, trải nghiệm, trang bị,
tranh thủ, trao đổi, triển vọng, trọng điểm, trực thuộc, tuân thủ, tuyên dương, tư vấn, tự chủ, tự tin,
ưu tiên, ưu thế, vai trò, văn minh, vận hành, vật chất, vay, vị trí, viễn cảnh, vốn vay, vùng, xác định,
xác nhận, xóa đói giảm nghèo, xu hướng, xu thế, xuất sắc, xúc tiến, yếu kém, yếu tố
"""

SYLLABLES_TAIL = """
anh, ảnh, bà, bác, bạn, bán, bảy, bao, báo, bắp, bên, bền, bếp, bị, biết, bò, bỏ, bốn, bông, bữa, bước,
cá, cả, cái, cam, cán, cao, cau, cắt, cây, chạy, chăm, chân, chậu, che, chén, chiếc, chín, cho, chọn,
chủ, chung, chuồng, chút, có, con, còn, cũ, của, củi, cùng, cửa, dài, dân, dao, dầu, dây, dễ, dệt, dọn,
dù, dùng, dựng, đá, đài, đan, đàn, đánh, đào, đặt, đầu, đây, đẹp, đêm, đều, đi, địa, điểm, đó, đỏ, đói,
đổi, đội, đơn, đủ, đưa, đứng, đường, em, gà, gạch, gánh, gần, gặp, ghe, ghi, giá, giao, giàu, giỏi, giữ,
gói, gốc, gỗ, hạn, hàng, hạt, hay, hẹn, hết, hiểu, hình, ho, họ, hỏi, hội, hơi, hợp, hụt, ít, kém, kể,
kênh, khá, khách, khi, khó, khô, khoảng, khu, kịp, lá, lạ, làm, lãi, lâu, lấy, lệ, lễ, lên, lò, loại, lối,
lớp, lúc, lưới, lượng, lửa, màu, máy, mắt, mặt, mẫu, mất, mở, mong, móng, mốc, món, mua, mùa, muốn, nào,
nay, năm, nặng, nên, nền, nghề, nghĩ, nghỉ, ngoài, ngon, ngọt, nguồn, nhà, nhanh, nhẹ, nhỏ, như, nhớ,
nợ, nơi, nửa, ông, ống, phần, phí, phiên, phố, phụ, quà, quán, quen, quê, quy, ra, rau, rẻ, riêng, rõ,
rộng, ruộng, sạch, sai, sân, sắp, sâu, sổ, số, sống, sớm, sức, tài, tay, tàu, tem, thay, thấp, thêm,
thiếu, thịt, thôi, thơm, thu, thua, thùng, thuốc, thửa, tiền, tiếp, tin, tìm, tốt, trả, trại, trái, trâu,
trẻ, trễ, trống, trồng, trước, túi, tươi, ướt, vải, văn, vận, về, vì, việc, vui, vườn, vựa, xa, xanh,
xe, xem, xong, xuất, xưa, yên
"""

SURNAMES = "Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý, Đinh, Trương, Lâm, Tạ"
MIDDLE = "Văn, Thị, Hữu, Đức, Minh, Thanh, Quốc, Ngọc, Xuân, Công, Hoài, Kim, Thành, Bảo, Trọng"
GIVEN = """An, Bình, Cường, Dũng, Đông, Giang, Hà, Hải, Hạnh, Hiếu, Hòa, Hoàng, Hùng, Hương, Khánh, Lan, Linh,
Long, Mai, Minh, Nam, Nga, Nghĩa, Ngọc, Nhân, Phong, Phúc, Phương, Quang, Sơn, Tâm, Thắng, Thảo, Thủy, Tiến,
Toàn, Trung, Tuấn, Tùng, Vân, Việt, Vinh, Xuân, Yến, Thúy, Thoa, Khoa, Loan, Quý, Tài"""
PLACE_WORDS = """Tân, Phú, Long, An, Bình, Hòa, Thạnh, Mỹ, Phước, Hưng, Thuận, Đông, Tây, Nam, Bắc, Trung, Thới,
Vĩnh, Xuân, Hiệp, Lợi, Thủy, Khánh, Lộc, Yên, Quang, Đức, Thành, Sơn, Hải"""

# Abbreviations and variants printed instead of the full form some of the time.
VARIANTS = {
    "hợp tác xã": [("HTX", 0.35)],
    "Ủy ban nhân dân": [("UBND", 0.45), ("Uỷ ban nhân dân", 0.1)],
    "quỹ tín dụng nhân dân": [("QTDND", 0.3), ("Quỹ TDND", 0.1), ("Qũy tín dụng nhân dân", 0.03)],
    "Liên minh Hợp tác xã": [("Liên minh HTX", 0.4), ("LMHTX", 0.1)],
    "kinh tế tập thể": [("KTTT", 0.1)],
    "tổ hợp tác": [("THT", 0.1)],
    "Hội đồng nhân dân": [("HĐND", 0.5)],
    "Mặt trận Tổ quốc": [("MTTQ", 0.4)],
    "Sở Nông nghiệp và Phát triển nông thôn": [("Sở NN&PTNT", 0.3)],
    "Ngân hàng Chính sách xã hội": [("NHCSXH", 0.3)],
    "quý": [("quí", 0.1)],
    "kỹ thuật": [("kĩ thuật", 0.1)],
}

# Entries that are templates ({n} a number, {y} a year, {p} a percentage, {name} a person, {place} a place).
TEMPLATES = """
{n} tỷ đồng, {n} triệu đồng, {n} ha, {n} tấn, {n} thành viên, {n} hợp tác xã, {n} HTX, {n} tổ hợp tác,
{n} lao động, {n} hộ, năm {y}, giai đoạn {y}-{y2}, {p}%, tăng {p}%, ngày {d}/{m}, ông {name}, bà {name},
Giám đốc HTX {place}, HTX {place}, xã {place}, huyện {place}, phường {place}, ấp {place}, thôn {place},
Quỹ tín dụng nhân dân {place}
"""

TITLE_HEADS = """Phát triển, Nâng cao hiệu quả, Hỗ trợ, Tổng kết, Hội nghị, Đẩy mạnh, Tăng cường, Khởi sắc,
Hiệu quả từ, Giải pháp, Kết nối, Đổi mới, Nâng chất, Tháo gỡ khó khăn cho, Ra mắt, Đại hội, Tập huấn,
Sơ kết, Triển khai, Gỡ khó cho, Bước chuyển của, Tiếp sức cho, Lan tỏa, Chuyển đổi số trong"""

TOPICS = None  # filled below: products and activities an article is about


def _split(text: str) -> list[str]:
    return [unicodedata.normalize("NFC", " ".join(w.split())) for w in text.replace("\n", " ").split(",") if w.strip()]


def _alternate_tone(syllable: str) -> str:
    """The new-style tone placement of an old-style open syllable: "hòa" -> "hoà", "thủy" -> "thuỷ"."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323"]
    if len(tones) != 1:
        return syllable
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
    low = base.lower()
    for cluster in ("oa", "oe", "uy"):
        if low.endswith(cluster) and len(low) >= 2:
            before = low[: -2]
            if cluster == "uy" and before.endswith("q"):
                return syllable
            if any(v in before for v in "aăâeêioôơuưy"):
                return syllable
            return unicodedata.normalize("NFC", base + tones[0])
    return syllable


def _new_style(text: str) -> str:
    return " ".join(_alternate_tone(w) for w in text.split(" "))


class Vocabulary:
    """The entries, their Zipf weights and their precomputed renderings."""

    def __init__(self, exponent: float = 1.0):
        provinces = [p.name for p in all_provinces()]
        tail = (
            _split(FUNCTION_TAIL) + _split(DOMAIN_TAIL) + _split(NEWS_TAIL) + _split(GENERAL_TAIL)
            + _split(PRODUCT_TAIL) + _split(MORE_WORDS_TAIL) + _split(SYLLABLES_TAIL)
            + _split(TEMPLATES) + provinces
        )
        head = _split(HEAD)
        seen = set(head)
        names = random.Random(5)
        surnames, middle, given, place_words = _split(SURNAMES), _split(MIDDLE), _split(GIVEN), _split(PLACE_WORDS)
        kinds = ("Nông nghiệp", "Dịch vụ nông nghiệp", "Thủy sản", "Chăn nuôi", "Rau an toàn", "Vận tải", "Môi trường")
        for _ in range(400):  # people and places that recur across the corpus
            tail.append(f"{names.choice(('ông', 'bà'))} {names.choice(surnames)} {names.choice(middle)} {names.choice(given)}")
            tail.append(f"{names.choice(('xã', 'phường', 'thị trấn', 'huyện'))} {' '.join(names.sample(place_words, 2))}")
        for _ in range(250):
            tail.append(f"HTX {names.choice(kinds)} {' '.join(names.sample(place_words, 2))}")
        tail = [w for w in dict.fromkeys(tail) if w not in seen]
        random.Random(20240607).shuffle(tail)
        self.entries = head + tail
        weights = [1.0 / (rank + 2.7) ** exponent for rank in range(len(self.entries))]
        total = 0.0
        self.cum_weights = []
        for w in weights:
            total += w
            self.cum_weights.append(total)
        self.new_style = {e: _new_style(e) for e in self.entries}
        for variants in VARIANTS.values():
            for v, _ in variants:
                self.new_style[v] = _new_style(v)
        self.templates = {e for e in self.entries if "{" in e}
        self.surnames, self.middle, self.given = _split(SURNAMES), _split(MIDDLE), _split(GIVEN)
        self.place_words = _split(PLACE_WORDS)
        self.title_heads = _split(TITLE_HEADS)
        self.products = _split(PRODUCT_TAIL)
        self.domain = _split(DOMAIN_TAIL)
        self.provinces = all_provinces()

    def syllable_count(self) -> int:
        return len({s.lower() for e in self.entries for s in e.replace("{", " ").split()})


VOCABULARY = None


def vocabulary() -> Vocabulary:
    global VOCABULARY
    if VOCABULARY is None:
        VOCABULARY = Vocabulary()
    return VOCABULARY


START = datetime(2015, 1, 1)
END = datetime(2026, 12, 31, 23, 59)


class _Writer:
    """Renders one article's words: its tone style, topics and province."""

    def __init__(self, rng: random.Random, vocab: Vocabulary, province: Province, year: int):
        self.rng, self.v, self.province, self.year = rng, vocab, province, year
        style = rng.random()
        self.p_new = 0.0 if style < 0.4 else 1.0 if style < 0.7 else 0.5
        self.topics = rng.sample(vocab.products, 2) + rng.sample(vocab.domain, 1)
        self.places = [" ".join(rng.sample(vocab.place_words, 2)) for _ in range(3)]
        self.people = [self._person() for _ in range(3)]

    def _person(self) -> str:
        r = self.rng
        return f"{r.choice(self.v.surnames)} {r.choice(self.v.middle)} {r.choice(self.v.given)}"

    def _template(self, entry: str) -> str:
        r = self.rng
        y = r.randint(2015, self.year)
        return entry.format(
            n=r.choice((r.randint(2, 99), r.randint(100, 2000), f"{r.randint(1, 99)},{r.randint(1, 9)}")),
            y=y, y2=y + 5, p=f"{r.randint(1, 99)},{r.randint(0, 9)}" if r.random() < 0.5 else r.randint(1, 100),
            d=r.randint(1, 28), m=r.randint(1, 12), name=r.choice(self.people), place=r.choice(self.places),
        )

    def render(self, entry: str) -> str:
        r = self.rng
        variants = VARIANTS.get(entry)
        if variants:
            x = r.random()
            for variant, p in variants:
                if x < p:
                    entry = variant
                    break
                x -= p
        if entry in self.v.templates:
            entry = self._template(entry)
        if self.p_new and (self.p_new == 1.0 or r.random() < self.p_new):
            return self.v.new_style.get(entry) or _new_style(entry)
        return entry

    def words(self, count: int, topic_rate: float = 0.03, province_rate: float = 0.008) -> list[str]:
        """Rendered entries totalling about ``count`` syllables."""
        r, v = self.rng, self.v
        out, syllables = [], 0
        while syllables < count:
            batch = r.choices(v.entries, cum_weights=v.cum_weights, k=max(8, (count - syllables) // 2 + 4))
            for entry in batch:
                x = r.random()
                if x < topic_rate:
                    entry = r.choice(self.topics)
                elif x < topic_rate + province_rate:
                    entry = self.province.name
                text = self.render(entry)
                out.append(text)
                syllables += text.count(" ") + 1
                if syllables >= count:
                    break
        return out

    def sentences(self, count: int) -> list[str]:
        r = self.rng
        words = self.words(count)
        sentences, i = [], 0
        while i < len(words):
            n = r.randint(7, 18)
            chunk = words[i : i + n]
            i += n
            parts = []
            for j, w in enumerate(chunk):
                parts.append(w + ("," if j < len(chunk) - 1 and r.random() < 0.07 else ""))
            s = " ".join(parts)
            sentences.append(s[0].upper() + s[1:] + ".")
        return sentences

    def title(self, count: int) -> str:
        r = self.rng
        head = self.render(r.choice(self.v.title_heads))
        core = self.render(r.choice(("hợp tác xã", "hợp tác xã", "kinh tế tập thể", "tổ hợp tác", "quỹ tín dụng nhân dân")))
        rest = self.words(max(2, count - 6), topic_rate=0.15, province_rate=0.0)
        words = [head, core, self.render(self.topics[0])] + rest
        if r.random() < 0.5:
            words.append(self.province.name)
        title = " ".join(words)
        if r.random() < 0.3:
            title = f"{self.province.name}: {title}"
        title = title[0].upper() + title[1:]
        return title.upper() if r.random() < 0.04 else title


def articles(count: int, words: int = 600, seed: int = 1) -> Iterator[Article]:
    """``count`` articles of about ``words`` syllables (title ~12, lead ~30, the rest body), one at a time."""
    vocab = vocabulary()
    rng = random.Random(seed)
    provinces = vocab.provinces
    span = (END - START).total_seconds()
    for i in range(count):
        province = provinces[rng.randrange(len(provinces))]
        published = START + timedelta(seconds=int(rng.random() * span) // 60 * 60)
        w = _Writer(rng, vocab, province, published.year)
        title_len = rng.randint(9, 15)
        lead_len = rng.randint(25, 35)
        body_len = max(40, words - title_len - lead_len)
        title = w.title(title_len)
        lead = " ".join(w.sentences(lead_len))
        body_sentences = w.sentences(body_len)
        paragraphs, j = [], 0
        while j < len(body_sentences):
            n = rng.randint(2, 5)
            paragraphs.append(" ".join(body_sentences[j : j + n]))
            j += n
        yield Article(
            url=f"https://{province.domain}/tin-tuc/bai-viet-{seed}-{i:07d}.html",
            title=title,
            body="\n\n".join(paragraphs),
            province=province.name,
            portal=province.key,
            published=published,
            lead=lead,
            crawled=published + timedelta(days=1),
            about_cooperatives=True,
            extractor="benchmark",
        )


def _main() -> None:  # print a sample: python benchmarks/corpus.py [N]
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    v = vocabulary()
    print(f"# vocabulary: {len(v.entries)} entries, {v.syllable_count()} distinct syllables")
    for a in articles(n):
        print(a.title, a.province, a.published, sep="\n")
        print(a.lead)
        print(a.body[:1500], "\n")


if __name__ == "__main__":
    _main()
