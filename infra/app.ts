// The CDK app: `npx cdk synth` (stage dev) or `npx cdk synth -c stage=prod`. cdk-nag's AWS Solutions
// checks run as a validation plugin, so any unacknowledged finding fails the synth.
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { holidayCoverageWarning } from '../shared/calendar/vn-holidays.ts';
import { createStacks } from './stacks/eproc-stacks.ts';

const app = new App();
createStacks(app);
// Deadlines counted past the holiday list would count holidays as working days: say so in time.
const calendarWarning = holidayCoverageWarning(new Date());
if (calendarWarning) Annotations.of(app).addWarningV2('eproc:holiday-calendar', calendarWarning);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
