import type { UseFormRegister } from 'react-hook-form';
import type { SurveyFormValues } from '@/lib/responses/form-values';
import type { FullSurveyDefinition, FullSurveyLabels } from '@/lib/responses/full-survey-types';

export interface SectionProps {
  definition: FullSurveyDefinition;
  labels: FullSurveyLabels;
  values: SurveyFormValues;
  register: UseFormRegister<SurveyFormValues>;
  errorFor: (name: string) => string | undefined;
}
