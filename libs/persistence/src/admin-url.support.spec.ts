/**
 * The superuser URL the int tests' global setup sets. Read here, not through @cs/testing: that
 * lib builds on this one (throwaway schemas), so importing it would make a project cycle.
 */
export function adminUrl(): string {
  const url = process.env['DATABASE_ADMIN_URL'];
  if (!url) throw new Error('DATABASE_ADMIN_URL is not set; the int global setup sets it');
  return url;
}
