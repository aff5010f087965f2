// Who the office is: the setup questions and answers, and what they fill (units, document headers, place, signer).

import {
  answerOfficeQuestion,
  nextOfficeQuestion,
  type OfficeAnswers,
  officeFrom,
  officeSettings,
  officeUnits,
} from '../../src/core/office';
import { ubnd } from '../../src/core/report';

/** Plays the dialog with scripted answers; returns the questions asked, the messages shown and the answers. */
function play(typed: string[]) {
  let answers: Partial<OfficeAnswers> = {};
  const asked: string[] = [];
  const shown: string[] = [];
  for (const text of typed) {
    const q = nextOfficeQuestion(answers);
    if (!q) break;
    asked.push(q.title);
    const r = answerOfficeQuestion(answers, q.key, text);
    if (r.ok) answers = r.answers;
    else shown.push(r.message);
  }
  return { asked, shown, answers, done: nextOfficeQuestion(answers) === null };
}

describe('the setup dialog', () => {
  test('a province office: two questions, Hà Nội gives 126 units and the Sở Nội vụ header', () => {
    const r = play(['1', 'Hà Nội']);
    expect(r.asked).toEqual(['Cơ quan kiểm tra (1/3)', 'Cơ quan kiểm tra (2/3)']);
    expect(r.done).toBe(true);
    const o = officeFrom(r.answers as OfficeAnswers);
    if (!o.ok) throw new Error(o.errors.join());
    const units = officeUnits(o.office);
    expect(units).toHaveLength(126);
    expect(units[0]).toEqual({
      code: '00070',
      name: 'Phường Hoàn Kiếm',
      aliases: [],
      validFrom: '2025-07-01',
    });
    expect(officeSettings(o.office, 2025)).toEqual({
      formDescription:
        'Đoàn kiểm tra công vụ điền một phiếu cho mỗi lần kiểm tra đột xuất tại UBND xã, phường. Ghi rõ người và sự việc ở phần ghi chú của từng nhóm.',
      parentBody: 'UBND THÀNH PHỐ HÀ NỘI',
      issuingBody: 'SỞ NỘI VỤ',
      issuingShort: 'Sở Nội vụ thành phố Hà Nội',
      place: 'Hà Nội',
      reportNumber: '…/BC-SNV',
      basis:
        'Kế hoạch số …/KH-SNV ngày …/…/2025 của Sở Nội vụ thành phố Hà Nội về kiểm tra công vụ năm 2025',
      signerAuthority: 'KT. GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      recipients:
        'UBND thành phố Hà Nội (để báo cáo)\nGiám đốc, các Phó Giám đốc Sở\nUBND các xã, phường',
      recommendations: expect.stringMatching(/^Đề nghị Chủ tịch UBND các xã, phường chỉ đạo/),
      unitsNoun: 'xã, phường',
      unitsTitle: 'UBND các xã, phường',
    });
  });

  test('wrong answers are explained and asked again; a commune office inspects its own departments', () => {
    const r = play(['huyện', 'xã', 'Hà Tây', 'ha noi', 'Hợp Tiến', 'hong son']);
    expect(r.shown).toEqual([
      'Chưa rõ cấp "huyện": nhập 1 (cấp tỉnh) hoặc 2 (cấp xã).',
      'Không tìm thấy tỉnh, thành phố "Hà Tây" trong 34 tỉnh, thành phố từ 01/7/2025.',
      'Không tìm thấy xã, phường, đặc khu "Hợp Tiến" trong Thành phố Hà Nội.',
    ]);
    expect(r.asked).toEqual([
      'Cơ quan kiểm tra (1/3)',
      'Cơ quan kiểm tra (1/3)',
      'Cơ quan kiểm tra (2/3)',
      'Cơ quan kiểm tra (2/3)',
      'Cơ quan kiểm tra (3/3)',
      'Cơ quan kiểm tra (3/3)',
    ]);
    const o = officeFrom(r.answers as OfficeAnswers);
    if (!o.ok) throw new Error(o.errors.join());
    expect(officeUnits(o.office).map((u) => u.name)).toEqual([
      'Văn phòng HĐND và UBND',
      'Phòng Kinh tế',
      'Phòng Văn hóa - Xã hội',
      'Trung tâm Phục vụ hành chính công',
    ]);
    expect(officeSettings(o.office, 2026)).toMatchObject({
      parentBody: '',
      issuingBody: 'ỦY BAN NHÂN DÂN XÃ HỒNG SƠN',
      issuingShort: 'UBND xã Hồng Sơn',
      place: 'Hồng Sơn',
      signerAuthority: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH',
      signerTitle: 'PHÓ CHỦ TỊCH',
    });
  });

  test('a ward has its economy department for urban areas; a province with special zones names them', () => {
    const ward = officeFrom({ level: 'Xã', province: '01', commune: 'Phường Ba Đình' });
    expect(ward.ok && officeUnits(ward.office)[1].name).toBe('Phòng Kinh tế, Hạ tầng và Đô thị');
    const hp = officeFrom({ level: 'Tỉnh', province: 'Hải Phòng', commune: '' });
    expect(hp.ok && officeSettings(hp.office, 2025).recipients).toContain(
      'UBND các xã, phường, đặc khu',
    );
    expect(hp.ok && officeUnits(hp.office)).toHaveLength(114);
    // Documents name a department as it is, a special zone by its committee.
    expect(ubnd('Phòng Kinh tế, Hạ tầng và Đô thị')).toBe('Phòng Kinh tế, Hạ tầng và Đô thị');
    expect(ubnd('Đặc khu Phú Quốc')).toBe('UBND đặc khu Phú Quốc');
    const ag = officeFrom({ level: 'Tỉnh', province: 'An Giang', commune: '' });
    expect(ag.ok && officeUnits(ag.office).find((u) => u.name === 'Đặc khu Phú Quốc')).toEqual({
      code: expect.any(String),
      name: 'Đặc khu Phú Quốc',
      aliases: ['Phú Quốc'],
      validFrom: '2025-07-01',
    });
    const hcm = officeFrom({ level: 'tỉnh', province: 'Hồ Chí Minh', commune: '' });
    expect(hcm.ok && officeSettings(hcm.office, 2025).place).toBe('Thành phố Hồ Chí Minh');
  });

  test('settings typed in the sheet are checked field by field', () => {
    expect(officeFrom({ level: 'huyện', province: 'Mỹ Đức', commune: '' })).toEqual({
      ok: false,
      errors: [
        '"Cấp cơ quan" chỉ nhận Tỉnh hoặc Xã, nhận được "huyện".',
        'Không tìm thấy tỉnh, thành phố "Mỹ Đức" trong 34 tỉnh, thành phố từ 01/7/2025.',
      ],
    });
  });
});
