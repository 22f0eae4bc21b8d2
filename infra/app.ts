// The CDK app: `npx cdk synth` (stage dev) or `npx cdk synth -c stage=prod`. cdk-nag's AWS Solutions
// checks run as a validation plugin, so any unacknowledged finding fails the synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createStacks } from './stacks/eproc-stacks.ts';

const app = new App();
createStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
