// The `Cài đặt` sheet: every setting the office can change, its default (Mỹ Đức, 2019), and validation.

import type { DocSettings } from './report';
import type { DateOrder } from './types';
import { foldCase, normalizeText } from './vi';

/** How often the summary report goes to the committee. */
export type Schedule = 'weekly' | 'monthly' | 'off';

/** Every setting, typed. */
export interface Settings extends DocSettings {
  /** Who the office is (`Tỉnh` or `Xã`, the province, the commune): setup fills units and headers from it. */
  officeLevel: string;
  officeProvince: string;
  officeCommune: string;
  formTitle: string;
  formDescription: string;
  reconcileHour: number;
  /** How a date typed as text in the response sheet is read (pasted or imported rows). */
  dateOrder: DateOrder;
  /** Committee recipients of the summary report. */
  committee: string[];
  /** Where failures are reported (at most once a day). */
  officeEmail: string;
  schedule: Schedule;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  monthDay: number;
  sendHour: number;
  /** Send a short notice for a period with no inspection (else skip it). */
  noticeWhenEmpty: boolean;
  minutes: boolean;
  unitEmails: boolean;
  folderName: string;
}

type Cell = string | number | boolean | Date;
type Kind =
  | { t: 'text'; required?: boolean }
  | { t: 'int'; min: number; max: number }
  | { t: 'choice'; options: Record<string, unknown> }
  | { t: 'list' }
  | { t: 'emails' };

interface Spec {
  key: keyof Settings;
  label: string;
  value: string | number;
  help: string;
  kind: Kind;
}

const WEEKDAYS: Record<string, number> = {
  'thứ hai': 1,
  'thứ ba': 2,
  'thứ tư': 3,
  'thứ năm': 4,
  'thứ sáu': 5,
  'thứ bảy': 6,
  'chủ nhật': 7,
};
const YES_NO = { có: true, không: false };

/** The settings in sheet order, with defaults for Mỹ Đức (2019). */
export const SETTING_SPECS: Spec[] = [
  {
    key: 'formTitle',
    label: 'Tiêu đề biểu mẫu',
    value: 'Phiếu kiểm tra công vụ đột xuất',
    help: 'Tên Google Biểu mẫu mà cán bộ kiểm tra điền trên điện thoại.',
    kind: { t: 'text', required: true },
  },
  {
    key: 'formDescription',
    label: 'Mô tả biểu mẫu',
    value:
      'Đoàn kiểm tra công vụ điền một phiếu cho mỗi lần kiểm tra đột xuất tại UBND xã, thị trấn. Ghi rõ người và sự việc ở phần ghi chú của từng nhóm.',
    help: 'Lời dẫn ở đầu biểu mẫu.',
    kind: { t: 'text' },
  },
  {
    key: 'reconcileHour',
    label: 'Giờ đối soát hằng ngày',
    value: 23,
    help: 'Giờ (0–23) chạy đối soát: chấm những phiếu mà lần chạy tự động bị lỡ.',
    kind: { t: 'int', min: 0, max: 23 },
  },
  {
    key: 'dateOrder',
    label: 'Thứ tự ngày tháng',
    value: 'Ngày/tháng/năm',
    help: 'Cách đọc ngày ghi bằng chữ trong trang câu trả lời (dòng dán vào hoặc nhập từ tệp): Ngày/tháng/năm (21/02/2019) hoặc Tháng/ngày/năm (02/21/2019). Ngày do Biểu mẫu ghi không phụ thuộc mục này.',
    kind: { t: 'choice', options: { 'ngày/tháng/năm': 'dmy', 'tháng/ngày/năm': 'mdy' } },
  },
  {
    key: 'parentBody',
    label: 'Cơ quan chủ quản',
    value: '',
    help: 'Dòng trên cùng bên trái của văn bản, chữ in hoa (để trống nếu không có).',
    kind: { t: 'text' },
  },
  {
    key: 'issuingBody',
    label: 'Cơ quan ban hành',
    value: 'ỦY BAN NHÂN DÂN HUYỆN MỸ ĐỨC',
    help: 'Tên cơ quan ban hành báo cáo, chữ in hoa.',
    kind: { t: 'text', required: true },
  },
  {
    key: 'issuingShort',
    label: 'Tên cơ quan trong câu văn',
    value: 'UBND huyện Mỹ Đức',
    help: 'Cách gọi cơ quan trong nội dung báo cáo.',
    kind: { t: 'text', required: true },
  },
  {
    key: 'place',
    label: 'Địa danh',
    value: 'Mỹ Đức',
    help: 'Địa danh ở dòng "…, ngày … tháng … năm …".',
    kind: { t: 'text', required: true },
  },
  {
    key: 'reportNumber',
    label: 'Số, ký hiệu báo cáo',
    value: '…/BC-UBND',
    help: 'Văn thư điền số khi ban hành.',
    kind: { t: 'text', required: true },
  },
  {
    key: 'basis',
    label: 'Căn cứ',
    value:
      'Kế hoạch số 207/KH-UBND ngày 15/02/2019 của UBND huyện Mỹ Đức về kiểm tra công vụ và cải cách hành chính năm 2019',
    help: 'Kế hoạch mà các cuộc kiểm tra thực hiện.',
    kind: { t: 'text', required: true },
  },
  {
    key: 'signerAuthority',
    label: 'Thẩm quyền ký',
    value: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH',
    help: 'Mỗi dòng một cấp (xuống dòng hoặc dấu ;).',
    kind: { t: 'list' },
  },
  {
    key: 'signerTitle',
    label: 'Chức vụ người ký',
    value: 'PHÓ CHỦ TỊCH',
    help: '',
    kind: { t: 'text', required: true },
  },
  {
    key: 'signerName',
    label: 'Họ tên người ký',
    value: 'Nguyễn Văn Bình',
    help: '',
    kind: { t: 'text', required: true },
  },
  {
    key: 'recipients',
    label: 'Nơi nhận',
    value:
      'Thường trực Huyện ủy\nThường trực HĐND huyện\nChủ tịch, các PCT UBND huyện\nPhòng Nội vụ\nUBND các xã, thị trấn',
    help: 'Mỗi dòng một nơi nhận; dòng "Lưu: VT, NV." được thêm tự động.',
    kind: { t: 'list' },
  },
  {
    key: 'recommendations',
    label: 'Kiến nghị chung',
    value:
      'Đề nghị Chủ tịch UBND các xã, thị trấn chỉ đạo cán bộ, công chức chấp hành nghiêm kỷ luật, kỷ cương hành chính và thời giờ làm việc; đeo thẻ công chức, bố trí biển tên tại bàn làm việc; niêm yết đầy đủ thủ tục hành chính, giải quyết hồ sơ đúng hạn; khắc phục ngay các tồn tại nêu trong báo cáo này.',
    help: 'Đoạn mở đầu mục III của báo cáo.',
    kind: { t: 'text', required: true },
  },
  {
    key: 'committee',
    label: 'Email nhận báo cáo',
    value: 'chutich@mydu.example, noivu@mydu.example',
    help: 'Lãnh đạo nhận báo cáo tổng hợp (cách nhau bởi dấu phẩy hoặc xuống dòng).',
    kind: { t: 'emails' },
  },
  {
    key: 'officeEmail',
    label: 'Email văn phòng',
    value: 'noivu@mydu.example',
    help: 'Nhận thông báo khi có lỗi (tối đa một thư mỗi ngày).',
    kind: { t: 'emails' },
  },
  {
    key: 'schedule',
    label: 'Lịch gửi báo cáo',
    value: 'Hằng tuần',
    help: 'Hằng tuần, Hằng tháng hoặc Không gửi.',
    kind: {
      t: 'choice',
      options: { 'hằng tuần': 'weekly', 'hằng tháng': 'monthly', 'không gửi': 'off' },
    },
  },
  {
    key: 'weekday',
    label: 'Thứ gửi (hằng tuần)',
    value: 'Thứ Hai',
    help: 'Thứ Hai … Chủ nhật; báo cáo tuần liền trước.',
    kind: { t: 'choice', options: WEEKDAYS },
  },
  {
    key: 'monthDay',
    label: 'Ngày gửi (hằng tháng)',
    value: 1,
    help: '1–28; báo cáo tháng liền trước.',
    kind: { t: 'int', min: 1, max: 28 },
  },
  {
    key: 'sendHour',
    label: 'Giờ gửi',
    value: 7,
    help: '0–23, giờ Việt Nam.',
    kind: { t: 'int', min: 0, max: 23 },
  },
  {
    key: 'noticeWhenEmpty',
    label: 'Khi kỳ không có phiếu',
    value: 'Gửi thông báo ngắn',
    help: 'Gửi thông báo ngắn hoặc Không gửi.',
    kind: { t: 'choice', options: { 'gửi thông báo ngắn': true, 'không gửi': false } },
  },
  {
    key: 'minutes',
    label: 'Lập biên bản từng lần kiểm tra',
    value: 'Có',
    help: 'Có hoặc Không.',
    kind: { t: 'choice', options: YES_NO },
  },
  {
    key: 'unitEmails',
    label: 'Gửi kết quả cho từng đơn vị',
    value: 'Không',
    help: 'Có hoặc Không (cần cột Email ở trang Đơn vị).',
    kind: { t: 'choice', options: YES_NO },
  },
  {
    key: 'fixDays',
    label: 'Số ngày khắc phục',
    value: 15,
    help: 'Thời hạn khắc phục: trong biên bản tính từ ngày kiểm tra, trong báo cáo tính từ ngày lập báo cáo.',
    kind: { t: 'int', min: 1, max: 365 },
  },
  {
    key: 'reportTo',
    label: 'Nơi nhận báo cáo khắc phục',
    value: 'Phòng Nội vụ',
    help: 'Cơ quan mà đơn vị được kiểm tra báo cáo kết quả khắc phục (ghi trong kiến nghị của báo cáo và biên bản).',
    kind: { t: 'text', required: true },
  },
  {
    key: 'folderName',
    label: 'Thư mục lưu văn bản',
    value: 'Kiểm tra công vụ - Văn bản',
    help: 'Thư mục Google Drive chứa báo cáo, biên bản và PDF.',
    kind: { t: 'text', required: true },
  },
  {
    key: 'unitsNoun',
    label: 'Tên gọi các đơn vị được kiểm tra',
    value: 'xã, thị trấn',
    help: 'Dùng sau con số trong báo cáo: "… lượt tại 20/22 xã, thị trấn".',
    kind: { t: 'text', required: true },
  },
  {
    key: 'unitsTitle',
    label: 'Đối tượng kiểm tra (tên báo cáo)',
    value: 'UBND các xã, thị trấn',
    help: 'Dùng trong tên báo cáo: "Kết quả kiểm tra công vụ đột xuất tại UBND các xã, thị trấn".',
    kind: { t: 'text', required: true },
  },
  {
    key: 'officeLevel',
    label: 'Cấp cơ quan',
    value: '',
    help: 'Tỉnh (Sở Nội vụ kiểm tra các xã, phường) hoặc Xã (UBND xã, phường kiểm tra các phòng của mình). Điền cùng tỉnh, thành phố rồi chạy "Thiết lập": danh sách đơn vị và tiêu đề văn bản được điền sẵn.',
    kind: { t: 'text' },
  },
  {
    key: 'officeProvince',
    label: 'Tỉnh, thành phố',
    value: '',
    help: 'Một trong 34 tỉnh, thành phố từ 01/7/2025, ví dụ Hà Nội.',
    kind: { t: 'text' },
  },
  {
    key: 'officeCommune',
    label: 'Xã, phường, đặc khu',
    value: '',
    help: 'Chỉ khi cấp cơ quan là Xã, ví dụ Xã Hồng Sơn.',
    kind: { t: 'text' },
  },
];

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Splits a cell holding a list (new lines or semicolons; commas too for email lists). */
export function splitList(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n;,]/ : /[\n;]/)
    .map((x) => normalizeText(x))
    .filter((x) => x !== '');
}

/** Reads the settings rows (label, value); every problem names the setting and the value. */
export function readSettings(rows: Cell[][], errors: string[]): Settings {
  const byLabel = new Map(rows.map((r) => [foldCase(String(r[0] ?? '')), r[1]]));
  const out: Record<string, unknown> = {};
  for (const s of SETTING_SPECS) {
    const raw = byLabel.has(foldCase(s.label)) ? byLabel.get(foldCase(s.label)) : s.value;
    const text = raw === undefined || raw === null ? '' : String(raw).trim();
    const bad = (why: string) => errors.push(`Cài đặt "${s.label}" ${why}, nhận được "${text}".`);
    const k = s.kind;
    if (k.t === 'text') {
      if (k.required && !text) bad('không được để trống');
      out[s.key] = normalizeText(text);
    } else if (k.t === 'int') {
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isInteger(n) || n < k.min || n > k.max)
        bad(`phải là số nguyên từ ${k.min} đến ${k.max}`);
      out[s.key] = n;
    } else if (k.t === 'choice') {
      // Looked up in a Map of the listed options, never on the object: `constructor`, `__proto__`
      // or `toString` would otherwise pass as a schedule or a weekday.
      const options = new Map(Object.entries(k.options));
      const key = foldCase(text);
      if (!options.has(key)) bad(`chỉ nhận ${[...options.keys()].join(', ')}`);
      else out[s.key] = options.get(key);
    } else if (k.t === 'list')
      out[s.key] = text
        .split(/\n|;/)
        .map((x) => normalizeText(x))
        .filter((x) => x);
    else {
      const list = splitList(text, true).map((x) => x.toLowerCase());
      const wrong = list.filter((x) => !EMAIL.test(x));
      if (wrong.length)
        errors.push(`Cài đặt "${s.label}" có địa chỉ email không hợp lệ: ${wrong.join(', ')}.`);
      out[s.key] = s.key === 'officeEmail' ? (list[0] ?? '') : list;
    }
  }
  return out as unknown as Settings;
}

/** The default rows of the settings sheet (label, value, help). */
export function defaultSettingRows(): Cell[][] {
  return SETTING_SPECS.map((s) => [s.label, s.value, s.help]);
}
