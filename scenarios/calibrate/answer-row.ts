// the fields of a survey response row (scenarios/survey/response-record.ts) that calibration and
// the depth ablation read: arms as plain strings, so tests can use any arm label.

export interface AnswerRow {
  arm: string;
  persona_id: string;
  country: string;
  item: string;
  sample: number;
  value: number | null;
  status: string;
}
