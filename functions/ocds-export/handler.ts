// Daily (EventBridge schedule): the OCDS bulk export to S3, then the red flags over it.
import { settings } from '../../shared/config/settings.ts';
import { scheduleHandler } from '../../shared/platform/lambda/schedule-handler.ts';
import { exportAndFlag } from './run.ts';

export const handler = scheduleHandler(() => exportAndFlag(settings.OCDS_PUBLIC_URL));
