/**
 * What a staff save (runStaffAction) hands back to its form: a message, the errors beside their fields, and the values
 * it received, so a refused save keeps everything typed. Defined here, beside the actions that return it, so that
 * server code never imports from a client component.
 */
export interface SettingsState {
  success?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}
