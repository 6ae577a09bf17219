import vscode = require('vscode');
import { DEFAULT_BASE_URL } from '../northflank/baseUrl';
import { TIMESTAMP_STYLES, type TimestampStyle } from '../buildLog/logRendering';

const SECTION = 'northflank';

export function apiUrl(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>('apiUrl')?.trim() || DEFAULT_BASE_URL;
}

export function buildArguments(scope?: vscode.Uri): Record<string, string> {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>('buildArguments');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]));
}

export function askForBuildArguments(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('askForBuildArguments') ?? false;
}

export function notifyOnConclusion(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('notifyOnConclusion') ?? true;
}

export const CODE_LENS_SETTING = `${SECTION}.codeLens.enabled`;

/** Whether a Dockerfile's stages show their build lenses. */
export function codeLensEnabled(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('codeLens.enabled') ?? true;
}

export const LINKS_SETTING = `${SECTION}.links`;

/** The team's links for a folder, as written in its settings; read with `parseLinkSetting`. */
export function linksSetting(scope: vscode.Uri): unknown {
  return vscode.workspace.getConfiguration(SECTION, scope).get<unknown>('links');
}

export function affectsApiUrl(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.apiUrl`);
}

export function logTimestamps(): TimestampStyle {
  const value = vscode.workspace.getConfiguration(SECTION).get<string>('logTimestamps');
  return TIMESTAMP_STYLES.find((style) => style === value) ?? 'short';
}

export function affectsLogTimestamps(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.logTimestamps`);
}
