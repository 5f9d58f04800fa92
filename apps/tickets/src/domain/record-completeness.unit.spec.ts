import { aTicket } from '../testing/fixtures';
import { isRecordJudged, recordGaps } from './record-completeness';

describe('record completeness (处理记录是否完整)', () => {
  const located = { projectCode: 'P001', building: '3栋', room: '1202' };

  it('finds nothing missing in a repair recorded with its room, judged and dispatched', () => {
    expect(recordGaps(aTicket({ itemCode: 'repair.own_unit', sectionCode: 'repair', unit: located, validity: 'valid', department: 'engineering' }))).toEqual([]);
  });

  it('names every element a repair or complaint lacks', () => {
    expect(recordGaps(aTicket({ itemCode: 'complaint.service_quality', sectionCode: 'complaint', unit: {}, validity: 'pending' }))).toEqual([
      'project',
      'building',
      'room',
      'validity',
    ]);
    expect(recordGaps(aTicket({ itemCode: 'repair.own_unit', sectionCode: 'repair', unit: located, validity: 'valid' }))).toEqual(['department']);
  });

  it('asks a public-area repair for its building, not a room', () => {
    const publicArea = { itemCode: 'repair.public_area', sectionCode: 'repair', validity: 'valid' as const, department: 'engineering' };
    expect(recordGaps(aTicket({ ...publicArea, unit: { projectCode: 'P001', building: '3栋' } }))).toEqual([]);
    expect(recordGaps(aTicket({ ...publicArea, unit: { projectCode: 'P001' } }))).toEqual(['building']);
  });

  it('asks where the catalogue said the item happens when the ticket was classified: nowhere, a building, or a room, in any section', () => {
    const attitude = { itemCode: 'complaint.service_quality', sectionCode: 'complaint', validity: 'valid' as const, department: 'property', unit: { projectCode: 'P001' } };
    expect(recordGaps(aTicket({ ...attitude, recordPlace: 'none' }))).toEqual([]);
    expect(recordGaps(aTicket({ ...attitude, recordPlace: 'building' }))).toEqual(['building']);
    expect(recordGaps(aTicket({ ...attitude }))).toEqual(['building', 'room']);
    const cleaning = { itemCode: 'housekeeping.home_move_in_cleaning', sectionCode: 'housekeeping', unit: { projectCode: 'P001', building: '3栋' } };
    expect(recordGaps(aTicket({ ...cleaning, recordPlace: 'room' }))).toEqual(['room']);
    expect(recordGaps(aTicket({ ...cleaning, unit: { projectCode: 'P001' } }))).toEqual([]);
  });

  it('needs no department for a matter judged invalid or out of scope, nor for a child of an incident', () => {
    const complaint = { itemCode: 'complaint.facilities', sectionCode: 'complaint', unit: located };
    expect(recordGaps(aTicket({ ...complaint, validity: 'invalid' }))).toEqual([]);
    expect(recordGaps(aTicket({ ...complaint, validity: 'out_of_scope' }))).toEqual([]);
    expect(recordGaps(aTicket({ ...complaint, validity: 'valid', incidentId: 'incident-1' }))).toEqual([]);
  });

  it('asks a child of an incident, while the incident stands for it, neither its validity nor its department; reopened since, it is judged alone', () => {
    const child = aTicket({ itemCode: 'repair.own_unit', sectionCode: 'repair', unit: located, validity: 'pending', incidentId: 'incident-1' });
    expect(recordGaps(child)).toEqual([]);
    expect(recordGaps({ ...child, reopenCount: 1, reopensWhenJoined: 0 })).toEqual(['validity']);
  });

  it('does not judge routine work a schedule opened', () => {
    const scheduled = aTicket({ itemCode: undefined, sectionCode: undefined, unit: {}, origin: { kind: 'schedule', scheduleId: 'schedule-1', occurrenceOn: '2026-12-01' } });
    expect(isRecordJudged(scheduled)).toBe(false);
    expect(recordGaps(scheduled)).toEqual([]);
  });

  it('asks a consultation only for its item and project, wherever the caller lives', () => {
    expect(recordGaps(aTicket({ itemCode: 'consultation.property_service', sectionCode: 'consultation', unit: { projectCode: 'P001' } }))).toEqual([]);
    expect(recordGaps(aTicket({ itemCode: undefined, sectionCode: undefined, unit: {} }))).toEqual(['item', 'project']);
  });

  it('asks a suggestion for its evaluation', () => {
    const suggestion = aTicket({ itemCode: 'suggestion.general', sectionCode: 'suggestion' });
    expect(recordGaps(suggestion)).toEqual(['suggestion_evaluation']);
    const evaluation = { reasonable: true, feasible: true, valuable: true, comment: '可行', at: new Date(), by: 'supervisor-1' };
    expect(recordGaps({ ...suggestion, suggestion: { evaluation } })).toEqual([]);
  });
});
