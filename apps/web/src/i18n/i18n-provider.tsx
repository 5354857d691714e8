"use client";

import { createContext, useContext, useMemo } from "react";
import { LOCALES, type Locale, type Messages } from "./messages";
import { makeFormatters, type Formatters } from "./format";

const I18nContext = createContext<{ locale: Locale; t: Messages; format: Formatters } | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: LOCALES[locale], format: makeFormatters(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
