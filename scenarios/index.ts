// the public API of the scenarios layer: the survey as one library call (runSurvey), and the
// scenario runner with the survey, discussion and stress scenarios for callers that wire their own run.
export { runSurvey } from "./survey/run-survey.js";
export type { RunSurveyOptions, RunSurveyResult } from "./survey/run-survey.js";
export { runDiscussion } from "./discussion/run-discussion.js";
export type { RunDiscussionOptions, RunDiscussionResult } from "./discussion/run-discussion.js";
export type { LibraryRunOptions, LibraryRunResult } from "./run-defined-scenario.js";
export { runDefinedScenario } from "./run-defined-scenario.js";
export { defineScenario } from "./define-scenario.js";
export type { ScenarioDefinition, ScenarioPlanBase, ScenarioRun, ScenarioEnv, FailurePolicy } from "./define-scenario.js";
export { surveyScenario, METRICS_FILE, CSV_FILE, REPORT_FILE } from "./survey/survey-scenario.js";
export type { SurveyPlan, SurveyOutputs } from "./survey/survey-scenario.js";
export { SurveySpecSchema, SURVEY_ARMS, isSurveyArm } from "./survey/survey-spec.js";
export type { SurveySpec, SurveySpecInput, SurveyArm } from "./survey/survey-spec.js";
export type { SurveyMetrics } from "./survey/survey-metrics.js";
export { RESPONSES_FILE, ResponseRecordSchema, responsesTable } from "./survey/response-record.js";
export type { ResponseRecord } from "./survey/response-record.js";
export { runScenario } from "./run-scenario.js";
export type { RunScenarioOptions, ScenarioSummary } from "./run-scenario.js";
export type { Scenario, ScenarioPhase, PhaseContext } from "./scenario.js";
export type { PersonaSource } from "./personas-phase.js";
