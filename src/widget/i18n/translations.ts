import { LAUNCHER_TRANSLATIONS } from './launcher-translations';
import type { Strings } from './strings';

/**
 * The built-in languages, in the order of every row of {@link TRANSLATIONS}:
 * - `en`: English, the fallback for every language that is not built in;
 * - `de`: German, addressing the reader formally ("Sie") throughout, as most German product UIs do;
 * - `ar`: Arabic (Modern Standard Arabic); the widget lays out right to left for it.
 */
export const LANGUAGES: readonly string[] = ['en', 'de', 'ar'];

/** One text in every built-in language: a language missing from a row is a type error. */
export type Row = readonly [en: string, de: string, ar: string];

/** The {@link Strings} shape with a {@link Row} in place of each text. */
type Table<T> = { readonly [K in keyof T]: T[K] extends string ? Row : Table<T[K]> };

/**
 * Every built-in text, one row per key with the languages side by side, so a translator sees
 * what each text says in the others. One table rather than an object per language: the keys
 * are written once, which keeps the script-tag bundle smaller.
 */
export const TRANSLATIONS: Table<Strings> = {
  // The texts the loader shows before the panel's chunk is there (launcher-translations.ts).
  ...LAUNCHER_TRANSLATIONS,
  unread: ['New message', 'Neue Nachricht', 'رسالة جديدة'],
  title: ['Ask AI', 'KI fragen', 'اسأل الذكاء الاصطناعي'],
  close: ['Close', 'Schließen', 'إغلاق'],
  newConversation: ['New conversation', 'Neue Unterhaltung', 'محادثة جديدة'],
  conversations: ['Conversations', 'Unterhaltungen', 'المحادثات'],
  backToChat: ['Back to chat', 'Zurück zum Chat', 'العودة إلى المحادثة'],
  searchConversations: ['Search conversations', 'Unterhaltungen durchsuchen', 'البحث في المحادثات'],
  noConversations: ['No conversations yet', 'Noch keine Unterhaltungen', 'لا توجد محادثات بعد'],
  noMatches: ['No matching conversations', 'Keine passenden Unterhaltungen', 'لا توجد محادثات مطابقة'],
  listLoading: ['Loading conversations…', 'Unterhaltungen werden geladen…', 'جارٍ تحميل المحادثات…'],
  listLoadFailed: [
    'The conversation list could not be loaded. Check your connection, then try again.',
    'Die Liste der Unterhaltungen konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'تعذّر تحميل قائمة المحادثات. تحقّق من اتصالك، ثم أعد المحاولة.',
  ],
  rename: ['Rename', 'Umbenennen', 'إعادة التسمية'],
  renameLabel: ['Conversation title', 'Titel der Unterhaltung', 'عنوان المحادثة'],
  save: ['Save', 'Speichern', 'حفظ'],
  cancel: ['Cancel', 'Abbrechen', 'إلغاء'],
  delete: ['Delete', 'Löschen', 'حذف'],
  deleteConfirm: [
    'Delete “{title}”? This cannot be undone.',
    '„{title}“ löschen? Das kann nicht rückgängig gemacht werden.',
    'هل تريد حذف «{title}»؟ لا يمكن التراجع عن ذلك.',
  ],
  welcome: ['Hi! Ask me anything.', 'Hallo! Fragen Sie mich, was Sie möchten.', 'مرحبًا! اسألني عن أي شيء.'],
  placeholder: ['Ask a question…', 'Stellen Sie eine Frage…', 'اطرح سؤالًا…'],
  send: ['Send', 'Senden', 'إرسال'],
  stop: ['Stop', 'Anhalten', 'إيقاف'],
  regenerate: ['Regenerate', 'Neu generieren', 'إعادة التوليد'],
  copyAnswer: ['Copy answer', 'Antwort kopieren', 'نسخ الإجابة'],
  copied: ['Copied', 'Kopiert', 'تم النسخ'],
  copyCode: ['Copy code', 'Code kopieren', 'نسخ الشيفرة'],
  sources: ['Sources', 'Quellen', 'المصادر'],
  helpful: ['Helpful', 'Hilfreich', 'مفيدة'],
  notHelpful: ['Not helpful', 'Nicht hilfreich', 'غير مفيدة'],
  feedbackThanks: ['Thanks for the feedback', 'Vielen Dank für Ihr Feedback', 'شكرًا على ملاحظاتك'],
  feedbackReasonsTitle: ['What was wrong?', 'Was war falsch?', 'ما المشكلة؟'],
  feedbackDetails: ['Tell us more (optional)', 'Weitere Anmerkungen (optional)', 'أخبرنا بالمزيد (اختياري)'],
  submitFeedback: ['Send feedback', 'Feedback senden', 'إرسال الملاحظات'],
  reasons: {
    unrelated_response: ['Not related to my question', 'Passt nicht zu meiner Frage', 'لا علاقة لها بسؤالي'],
    inaccurate_statement: ['Inaccurate statement', 'Falsche Aussage', 'معلومة غير دقيقة'],
    inaccurate_code_snippet: ['Inaccurate code', 'Fehlerhafter Code', 'شيفرة غير صحيحة'],
    irrelevant_citations: ['Irrelevant sources', 'Unpassende Quellen', 'مصادر غير ذات صلة'],
  },
  suggestions: ['Suggested questions', 'Vorgeschlagene Fragen', 'أسئلة مقترحة'],
  stopped: ['Stopped', 'Angehalten', 'تم الإيقاف'],
  interrupted: ['This answer was interrupted.', 'Diese Antwort wurde unterbrochen.', 'انقطعت هذه الإجابة.'],
  offline: ['Could not connect. Check your connection.', 'Keine Verbindung. Prüfen Sie Ihr Netzwerk.', 'تعذّر الاتصال. تحقّق من اتصالك.'],
  unavailable: ['The service is unavailable.', 'Der Dienst ist nicht verfügbar.', 'الخدمة غير متاحة.'],
  busy: ['Too many requests.', 'Zu viele Anfragen.', 'طلبات كثيرة جدًا.'],
  retryIn: ['Retry in {seconds} s.', 'Erneut in {seconds} s.', 'أعد المحاولة بعد {seconds} ث.'],
  slow: ['The answer took too long.', 'Die Antwort dauerte zu lange.', 'استغرقت الإجابة وقتًا طويلًا.'],
  refused: ['The request was refused.', 'Die Anfrage wurde abgelehnt.', 'رُفض الطلب.'],
  answerFailed: ['The answer could not be loaded.', 'Die Antwort konnte nicht geladen werden.', 'تعذّر تحميل الإجابة.'],
  tooLong: ['Too long: the answer was cut here.', 'Zu lang: Die Antwort wurde hier gekürzt.', 'طويلة جدًا: اقتُطعت الإجابة هنا.'],
  thinking: ['Thinking…', 'Denkt nach…', 'جارٍ التفكير…'],
  answerReceived: ['Answer received', 'Antwort erhalten', 'وصلت الإجابة'],
  you: ['You', 'Sie', 'أنت'],
  assistant: ['Assistant', 'Assistent', 'المساعد'],
  messages: ['Messages', 'Nachrichten', 'الرسائل'],
  earlierMessages: ['Earlier messages', 'Frühere Nachrichten', 'الرسائل السابقة'],
  configProblem: [
    'This chat is not set up correctly: {problem}',
    'Dieser Chat ist nicht richtig eingerichtet: {problem}',
    'هذه المحادثة غير مُعدّة بشكل صحيح: {problem}',
  ],
  storage: {
    unavailable: [
      'This browser is not keeping your conversations (private browsing or blocked storage): they will be gone when you leave.',
      'Dieser Browser speichert Ihre Unterhaltungen nicht (privates Fenster oder gesperrter Speicher): Sie gehen verloren, wenn Sie die Seite verlassen.',
      'لا يحتفظ هذا المتصفح بمحادثاتك (تصفح خاص أو تخزين محظور): ستختفي عند مغادرتك.',
    ],
    full: [
      'Your browser’s storage for this site is full, so new messages may not be kept. Delete old conversations to make room.',
      'Der Speicher Ihres Browsers für diese Seite ist voll, neue Nachrichten werden eventuell nicht gespeichert. Löschen Sie alte Unterhaltungen, um Platz zu schaffen.',
      'مساحة التخزين في متصفحك لهذا الموقع ممتلئة، لذا قد لا تُحفظ الرسائل الجديدة. احذف المحادثات القديمة لإفساح المجال.',
    ],
    unreadable: [
      'Some saved conversations could not be read and are not shown.',
      'Einige gespeicherte Unterhaltungen konnten nicht gelesen werden und werden nicht angezeigt.',
      'تعذّرت قراءة بعض المحادثات المحفوظة ولذلك لا تظهر.',
    ],
    newer: [
      'Conversations saved by a newer version of this chat are kept safe but not shown here; new ones are not kept.',
      'Unterhaltungen, die eine neuere Version dieses Chats gespeichert hat, bleiben erhalten, werden hier aber nicht angezeigt; neue werden nicht gespeichert.',
      'المحادثات التي حفظها إصدار أحدث من هذه المحادثة محفوظة بأمان لكنها لا تظهر هنا، ولا تُحفظ المحادثات الجديدة.',
    ],
  },
  handoff: {
    talkToPerson: ['Talk to a person', 'Mit einer Person sprechen', 'التحدث إلى شخص'],
    requested: ['You asked for a person', 'Sie haben nach einer Person gefragt', 'طلبتَ التحدث إلى شخص'],
    waiting: [
      'A person will reply here; you can leave and come back.',
      'Eine Person antwortet hier; Sie können die Seite verlassen und später zurückkommen.',
      'سيرد عليك شخص هنا، ويمكنك المغادرة والعودة لاحقًا.',
    ],
    joined: ['{name} joined', '{name} ist dazugekommen', 'انضم {name}'],
    someoneJoined: ['A person joined', 'Eine Person ist dazugekommen', 'انضم شخص إلى المحادثة'],
    agent: ['{name} (support)', '{name} (Support)', '{name} (الدعم)'],
    agentReplied: ['A person replied (the text could not be shown).', 'Eine Person hat geantwortet (der Text kann nicht angezeigt werden).', 'ردّ شخص (تعذّر عرض النص).'],
    closed: ['The chat with the person ended', 'Der Chat mit der Person wurde beendet', 'انتهت المحادثة مع الشخص'],
    returned: ['Back with the assistant', 'Wieder beim Assistenten', 'عدتَ إلى المساعد'],
    endChat: ['End chat with the person', 'Chat mit der Person beenden', 'إنهاء المحادثة مع الشخص'],
    backToAssistant: ['Back to the assistant', 'Zurück zum Assistenten', 'العودة إلى المساعد'],
    queued: ['Saved; it will be delivered as soon as possible', 'Gespeichert; wird so bald wie möglich zugestellt', 'محفوظة، وستُرسل في أقرب وقت ممكن'],
    sending: ['Sending…', 'Wird gesendet…', 'جارٍ الإرسال…'],
    notDelivered: ['Not delivered', 'Nicht zugestellt', 'لم تُسلَّم'],
    unavailable: [
      'The helpdesk cannot be reached right now. What you wrote is saved and will be delivered.',
      'Der Support ist gerade nicht erreichbar. Was Sie geschrieben haben, ist gespeichert und wird zugestellt.',
      'لا يمكن الوصول إلى فريق الدعم الآن. ما كتبته محفوظ وسيُسلَّم.',
    ],
    configError: [
      'The helpdesk is not accepting requests right now; the site has been told. What you wrote is saved and will be delivered.',
      'Der Support nimmt gerade keine Anfragen an; die Website wurde informiert. Was Sie geschrieben haben, ist gespeichert und wird zugestellt.',
      'لا يقبل فريق الدعم الطلبات الآن، وقد أُبلغ الموقع بذلك. ما كتبته محفوظ وسيُسلَّم.',
    ],
    offline: [
      'No connection right now. Your request is saved and will be sent.',
      'Gerade keine Verbindung. Ihre Anfrage ist gespeichert und wird gesendet.',
      'لا يوجد اتصال الآن. طلبك محفوظ وسيُرسل.',
    ],
    failed: ['A person could not be reached.', 'Es konnte keine Person erreicht werden.', 'تعذّر الوصول إلى شخص.'],
    loadFailed: [
      'The chat with the person could not be loaded. Check your connection, then try again. What you write is kept.',
      'Der Chat mit der Person konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut. Was Sie schreiben, bleibt erhalten.',
      'تعذّر تحميل المحادثة مع الشخص. تحقّق من اتصالك، ثم أعد المحاولة. ما تكتبه محفوظ.',
    ],
    rateTitle: ['How was your chat with the person?', 'Wie war Ihr Chat mit der Person?', 'كيف كانت محادثتك مع الشخص؟'],
    rateScore: ['{score} of 5', '{score} von 5', '{score} من 5'],
    rateComment: ['Anything to add? (optional)', 'Möchten Sie etwas ergänzen? (optional)', 'هل تود إضافة شيء؟ (اختياري)'],
    rateSend: ['Send rating', 'Bewertung senden', 'إرسال التقييم'],
    rateThanks: ['Thank you for your rating.', 'Vielen Dank für Ihre Bewertung.', 'شكرًا على تقييمك.'],
  },
  offlineNotice: [
    'You are offline. You can keep typing: questions are sent when the connection is back.',
    'Sie sind offline. Sie können weiterschreiben: Fragen werden gesendet, sobald die Verbindung wieder da ist.',
    'أنت غير متصل. يمكنك متابعة الكتابة: تُرسل الأسئلة عند عودة الاتصال.',
  ],
  queued: [
    'Waiting for the connection: this question is sent when you are back online.',
    'Warten auf die Verbindung: Diese Frage wird gesendet, sobald Sie wieder online sind.',
    'بانتظار الاتصال: يُرسل هذا السؤال عند عودتك إلى الاتصال.',
  ],
  today: ['Today', 'Heute', 'اليوم'],
  yesterday: ['Yesterday', 'Gestern', 'أمس'],
  expand: ['Larger panel', 'Größeres Fenster', 'لوحة أكبر'],
  collapse: ['Smaller panel', 'Kleineres Fenster', 'لوحة أصغر'],
};

/**
 * The texts of the language in `column` of {@link TRANSLATIONS}, with the overrides that fit
 * their shape merged in key by key: a string for a text, an object for `reasons`. Anything
 * else (a typo'd key, a number, `null` from plain JS) is skipped, so the widget never shows a
 * hole; `parseConfig` reports those as problems.
 */
export function textsIn(column: number, overrides: unknown, table: object): Strings {
  const given = (typeof overrides === 'object' && overrides !== null ? overrides : {}) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  // Walks the table, not the overrides, so unknown keys never enter.
  for (const [key, row] of Object.entries(table)) {
    const value = Object.hasOwn(given, key) ? given[key] : undefined;
    result[key] = Array.isArray(row) ? (typeof value === 'string' ? value : row[column]) : textsIn(column, value, row);
  }
  return result as unknown as Strings;
}

/** English: also the shape every translation follows (config.strings is checked against it). */
export const en: Strings = /* @__PURE__ */ textsIn(0, undefined, TRANSLATIONS);
export const de: Strings = /* @__PURE__ */ textsIn(1, undefined, TRANSLATIONS);
export const ar: Strings = /* @__PURE__ */ textsIn(2, undefined, TRANSLATIONS);
