import type { SurveyQuestion } from './detail-types.js';

/** The exit survey questions configured on the world's appliance. */
export const CUSTOMER_SURVEY: readonly SurveyQuestion[] = [
  {
    id: 1,
    name: 'rating',
    type: 'radio',
    label: 'How satisfied are you with this session?',
    reportHeader: 'Satisfaction',
  },
  {
    id: 2,
    name: 'resolved',
    type: 'radio',
    label: 'Was your issue resolved?',
    reportHeader: 'Resolved',
  },
  {
    id: 3,
    name: 'topics',
    type: 'checkbox',
    label: 'What did the session cover?',
    reportHeader: 'Topics',
  },
  {
    id: 4,
    name: 'comments',
    type: 'textarea',
    label: 'Anything else you would like to tell us?',
    reportHeader: 'Comments',
  },
];

export const REP_SURVEY: readonly SurveyQuestion[] = [
  { id: 1, name: 'category', type: 'dropdown', label: 'Issue category', reportHeader: 'Category' },
  {
    id: 2,
    name: 'resolution',
    type: 'textarea',
    label: 'Resolution notes',
    reportHeader: 'Resolution',
  },
  {
    id: 3,
    name: 'follow_up',
    type: 'radio',
    label: 'Follow-up needed?',
    reportHeader: 'Follow-up',
  },
];

export const RATINGS = ['Very satisfied', 'Satisfied', 'Neutral', 'Dissatisfied'] as const;
export const TOPICS = ['Printer', 'E-mail', 'VPN', 'Password reset', 'Software install'] as const;
export const CATEGORIES = ['Hardware', 'Software', 'Network', 'Account', 'Other'] as const;
