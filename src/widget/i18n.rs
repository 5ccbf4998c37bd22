//! The widget's words in English, Spanish, Portuguese, Russian, Turkish and Arabic.
//!
//! Every text has a key (the `labels` option overrides any of them by that key) and may hold
//! `{name}` placeholders, filled by [`Locale::fill`]. Amounts inside texts are inserted exactly
//! as the document has them: a crypto amount is never rounded or reformatted.

/// Declares [`Text`], its keys, and the number of texts.
macro_rules! texts {
    ($($text:ident = $key:literal,)*) => {
        /// One text of the widget.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text { $(#[doc = $key] $text,)* }

        impl Text {
            /// Every text, in table order.
            pub const ALL: &'static [Text] = &[$(Text::$text,)*];

            /// The text's key in the `labels` option.
            pub fn key(self) -> &'static str {
                match self { $(Text::$text => $key,)* }
            }
        }
    };
}

texts! {
    Title = "title",
    Loading = "loading",
    LoadError = "loadError",
    Reconnecting = "reconnecting",
    Amount = "amount",
    Approximately = "approximately",
    Minimum = "minimum",
    NetworkWarning = "networkWarning",
    Address = "address",
    DestinationTag = "destinationTag",
    Memo = "memo",
    Comment = "comment",
    TagRequired = "tagRequired",
    Copy = "copy",
    Copied = "copied",
    CopyFailed = "copyFailed",
    CopyAmount = "copyAmount",
    CopyAddress = "copyAddress",
    CopyDestinationTag = "copyDestinationTag",
    CopyMemo = "copyMemo",
    CopyComment = "copyComment",
    QrContent = "qrContent",
    QrUri = "qrUri",
    QrAddress = "qrAddress",
    QrAlt = "qrAlt",
    QrAddressOnly = "qrAddressOnly",
    OpenWallet = "openWallet",
    ExpiresIn = "expiresIn",
    Expired = "expired",
    ExpiredHelp = "expiredHelp",
    NewPayment = "newPayment",
    Topup = "topup",
    Awaiting = "awaiting",
    Confirming = "confirming",
    ConfirmationCount = "confirmationCount",
    Converting = "converting",
    Paid = "paid",
    Underpaid = "underpaid",
    SendMore = "sendMore",
    RemainderBelowMinimum = "remainderBelowMinimum",
    Overpaid = "overpaid",
    OverpaidPending = "overpaidPending",
    OnHold = "onHold",
    Failed = "failed",
    Refunded = "refunded",
    AddressReused = "addressReused",
    Cancelled = "cancelled",
    Unknown = "unknown",
}

/// How many texts there are: the length of every language's table.
const COUNT: usize = Text::ALL.len();

/// The languages the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English (the default).
    English,
    /// Spanish.
    Spanish,
    /// Portuguese.
    Portuguese,
    /// Russian.
    Russian,
    /// Turkish.
    Turkish,
    /// Arabic, written right to left.
    Arabic,
}

impl Language {
    /// The language of a BCP 47 tag (`pt-BR`, `es`, `ar_EG`), by its first subtag; `None` for
    /// a language the widget does not speak.
    pub fn of(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        [
            ("en", Language::English),
            ("es", Language::Spanish),
            ("pt", Language::Portuguese),
            ("ru", Language::Russian),
            ("tr", Language::Turkish),
            ("ar", Language::Arabic),
        ]
        .into_iter()
        .find(|(code, _)| primary.eq_ignore_ascii_case(code))
        .map(|(_, language)| language)
    }

    /// The language's code, for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
            Language::Portuguese => "pt",
            Language::Russian => "ru",
            Language::Turkish => "tr",
            Language::Arabic => "ar",
        }
    }

    /// `rtl` for Arabic, `ltr` otherwise.
    pub fn direction(self) -> &'static str {
        match self {
            Language::Arabic => "rtl",
            _ => "ltr",
        }
    }

    fn table(self) -> &'static [&'static str; COUNT] {
        match self {
            Language::English => &EN,
            Language::Spanish => &ES,
            Language::Portuguese => &PT,
            Language::Russian => &RU,
            Language::Turkish => &TR,
            Language::Arabic => &AR,
        }
    }
}

/// The language to speak, the locale for number formats, and the merchant's own labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// The language of the texts.
    pub language: Language,
    /// The BCP 47 tag for `Intl.NumberFormat` (the requested tag when the widget speaks its
    /// language, so `pt-BR` formats money the Brazilian way).
    pub tag: String,
    overrides: Vec<(Text, String)>,
}

impl Locale {
    /// The locale for `requested` (a BCP 47 tag; English when the widget does not speak it),
    /// with the merchant's `labels` overriding texts by key.
    pub fn new(requested: &str, labels: Vec<(Text, String)>) -> Locale {
        let (language, tag) = match Language::of(requested) {
            Some(language) => (language, requested.replace('_', "-")),
            None => (Language::English, "en".to_owned()),
        };
        Locale {
            language,
            tag,
            overrides: labels,
        }
    }

    /// A text, as the merchant's labels or the language's table have it.
    pub fn text(&self, text: Text) -> &str {
        self.overrides
            .iter()
            .find(|(overridden, _)| *overridden == text)
            .map_or(self.language.table()[text as usize], |(_, label)| label)
    }

    /// A text with its `{name}` placeholders replaced by `values`. In a right-to-left
    /// language each value is a bidirectional isolate (U+2068 … U+2069), so an address, an
    /// amount or "TRON (TRC-20)" keeps its own order inside the sentence.
    pub fn fill(&self, text: Text, values: &[(&str, &str)]) -> String {
        let rtl = self.language.direction() == "rtl";
        let mut filled = self.text(text).to_owned();
        for (name, value) in values {
            let value = if rtl {
                format!("\u{2068}{value}\u{2069}")
            } else {
                (*value).to_owned()
            };
            filled = filled.replace(&format!("{{{name}}}"), &value);
        }
        filled
    }
}

/// The text of a `labels` key, if it is one.
pub fn text_of_key(key: &str) -> Option<Text> {
    Text::ALL.iter().copied().find(|text| text.key() == key)
}

const EN: [&str; COUNT] = [
    "Pay with {coin} on {network}",
    "Loading the payment details…",
    "The payment details could not be loaded. Retrying…",
    "Connection lost. Reconnecting…",
    "Amount",
    "≈ {fiat}",
    "Minimum amount: {amount}. Smaller transfers are not processed.",
    "Send only {coin} on the {network} network. Funds sent on any other network are lost.",
    "Address",
    "Destination tag (required)",
    "Memo (required)",
    "Comment (required)",
    "Enter it exactly as shown, or the payment cannot be credited.",
    "Copy",
    "Copied",
    "Copy failed: select the text and copy it",
    "Copy the amount",
    "Copy the address",
    "Copy the destination tag",
    "Copy the memo",
    "Copy the comment",
    "QR code contains",
    "Payment request",
    "Address only",
    "QR code: {content}",
    "This code holds the address only: enter the amount in your wallet.",
    "Open in wallet",
    "Expires in {time}",
    "This payment request has expired.",
    "Do not send funds to this address any more.",
    "Start a new payment",
    "You can send more to this address later: every transfer is credited.",
    "Waiting for your payment.",
    "Payment detected. Waiting for network confirmations.",
    "Confirmations: {received} of {required}",
    "Payment received. It is being converted.",
    "Payment received. Thank you!",
    "Received {paid} of {amount}.",
    "Send {remaining} more to complete the payment.",
    "The remaining {remaining} is less than the smallest transfer processed ({minimum}): contact the merchant.",
    "Payment received. You sent {excess} more than requested: contact the merchant about the difference.",
    "You sent {excess} more than requested: contact the merchant about the difference.",
    "Payment received and under review. You do not need to do anything.",
    "The payment failed. Contact the merchant.",
    "The payment was refunded.",
    "Funds arrived at an address that had already been used. Contact the merchant.",
    "This payment was cancelled.",
    "Payment status: {status}. Waiting for an update.",
];

const ES: [&str; COUNT] = [
    "Pagar con {coin} en {network}",
    "Cargando los datos del pago…",
    "No se pudieron cargar los datos del pago. Reintentando…",
    "Se perdió la conexión. Reconectando…",
    "Importe",
    "≈ {fiat}",
    "Importe mínimo: {amount}. Las transferencias menores no se procesan.",
    "Envíe solo {coin} en la red {network}. Los fondos enviados por cualquier otra red se pierden.",
    "Dirección",
    "Etiqueta de destino (obligatoria)",
    "Memo (obligatorio)",
    "Comentario (obligatorio)",
    "Introdúzcalo exactamente como se muestra o el pago no podrá acreditarse.",
    "Copiar",
    "Copiado",
    "No se pudo copiar: seleccione el texto y cópielo",
    "Copiar el importe",
    "Copiar la dirección",
    "Copiar la etiqueta de destino",
    "Copiar el memo",
    "Copiar el comentario",
    "El código QR contiene",
    "Solicitud de pago",
    "Solo la dirección",
    "Código QR: {content}",
    "Este código contiene solo la dirección: introduzca el importe en su billetera.",
    "Abrir en la billetera",
    "Vence en {time}",
    "Esta solicitud de pago ha vencido.",
    "No envíe más fondos a esta dirección.",
    "Iniciar un nuevo pago",
    "Puede enviar más a esta dirección más adelante: cada transferencia se acredita.",
    "Esperando su pago.",
    "Pago detectado. Esperando las confirmaciones de la red.",
    "Confirmaciones: {received} de {required}",
    "Pago recibido. Se está convirtiendo.",
    "Pago recibido. ¡Gracias!",
    "Recibido {paid} de {amount}.",
    "Envíe {remaining} más para completar el pago.",
    "El resto, {remaining}, es menor que la transferencia mínima que se procesa ({minimum}): contacte al comercio.",
    "Pago recibido. Envió {excess} más de lo solicitado: contacte al comercio por la diferencia.",
    "Envió {excess} más de lo solicitado: contacte al comercio por la diferencia.",
    "Pago recibido y en revisión. No necesita hacer nada.",
    "El pago falló. Contacte al comercio.",
    "El pago fue reembolsado.",
    "Los fondos llegaron a una dirección ya utilizada. Contacte al comercio.",
    "Este pago fue cancelado.",
    "Estado del pago: {status}. Esperando una actualización.",
];

const PT: [&str; COUNT] = [
    "Pagar com {coin} na rede {network}",
    "Carregando os dados do pagamento…",
    "Não foi possível carregar os dados do pagamento. Tentando novamente…",
    "Conexão perdida. Reconectando…",
    "Valor",
    "≈ {fiat}",
    "Valor mínimo: {amount}. Transferências menores não são processadas.",
    "Envie apenas {coin} na rede {network}. Fundos enviados por qualquer outra rede são perdidos.",
    "Endereço",
    "Tag de destino (obrigatória)",
    "Memo (obrigatório)",
    "Comentário (obrigatório)",
    "Digite exatamente como mostrado, ou o pagamento não poderá ser creditado.",
    "Copiar",
    "Copiado",
    "Falha ao copiar: selecione o texto e copie",
    "Copiar o valor",
    "Copiar o endereço",
    "Copiar a tag de destino",
    "Copiar o memo",
    "Copiar o comentário",
    "O código QR contém",
    "Solicitação de pagamento",
    "Somente o endereço",
    "Código QR: {content}",
    "Este código contém apenas o endereço: digite o valor na sua carteira.",
    "Abrir na carteira",
    "Expira em {time}",
    "Esta solicitação de pagamento expirou.",
    "Não envie mais fundos para este endereço.",
    "Iniciar um novo pagamento",
    "Você pode enviar mais para este endereço depois: cada transferência é creditada.",
    "Aguardando o seu pagamento.",
    "Pagamento detectado. Aguardando as confirmações da rede.",
    "Confirmações: {received} de {required}",
    "Pagamento recebido. Está sendo convertido.",
    "Pagamento recebido. Obrigado!",
    "Recebido {paid} de {amount}.",
    "Envie mais {remaining} para concluir o pagamento.",
    "O restante, {remaining}, é menor que a transferência mínima processada ({minimum}): fale com o lojista.",
    "Pagamento recebido. Você enviou {excess} a mais do que o solicitado: fale com o lojista sobre a diferença.",
    "Você enviou {excess} a mais do que o solicitado: fale com o lojista sobre a diferença.",
    "Pagamento recebido e em análise. Você não precisa fazer nada.",
    "O pagamento falhou. Fale com o lojista.",
    "O pagamento foi reembolsado.",
    "Os fundos chegaram a um endereço que já havia sido usado. Fale com o lojista.",
    "Este pagamento foi cancelado.",
    "Status do pagamento: {status}. Aguardando uma atualização.",
];

const RU: [&str; COUNT] = [
    "Оплата в {coin} в сети {network}",
    "Загрузка данных платежа…",
    "Не удалось загрузить данные платежа. Повторяем попытку…",
    "Соединение потеряно. Переподключение…",
    "Сумма",
    "≈ {fiat}",
    "Минимальная сумма: {amount}. Переводы меньше не обрабатываются.",
    "Отправляйте только {coin} в сети {network}. Средства, отправленные через другую сеть, будут потеряны.",
    "Адрес",
    "Тег назначения (обязательно)",
    "Memo (обязательно)",
    "Комментарий (обязательно)",
    "Укажите его точно как показано, иначе платёж не будет зачислен.",
    "Копировать",
    "Скопировано",
    "Не удалось скопировать: выделите текст и скопируйте его",
    "Копировать сумму",
    "Копировать адрес",
    "Копировать тег назначения",
    "Копировать мемо",
    "Копировать комментарий",
    "QR-код содержит",
    "Запрос платежа",
    "Только адрес",
    "QR-код: {content}",
    "Этот код содержит только адрес: введите сумму в кошельке.",
    "Открыть в кошельке",
    "Истекает через {time}",
    "Срок действия этого запроса на оплату истёк.",
    "Больше не отправляйте средства на этот адрес.",
    "Начать новый платёж",
    "Позже на этот адрес можно отправить ещё: каждый перевод будет зачислен.",
    "Ожидаем ваш платёж.",
    "Платёж обнаружен. Ожидаем подтверждений сети.",
    "Подтверждений: {received} из {required}",
    "Платёж получен и конвертируется.",
    "Платёж получен. Спасибо!",
    "Получено {paid} из {amount}.",
    "Отправьте ещё {remaining}, чтобы завершить платёж.",
    "Остаток {remaining} меньше минимального обрабатываемого перевода ({minimum}): свяжитесь с продавцом.",
    "Платёж получен. Вы отправили на {excess} больше, чем требовалось: свяжитесь с продавцом насчёт разницы.",
    "Вы отправили на {excess} больше, чем требовалось: свяжитесь с продавцом насчёт разницы.",
    "Платёж получен и проходит проверку. От вас ничего не требуется.",
    "Платёж не прошёл. Свяжитесь с продавцом.",
    "Платёж возвращён.",
    "Средства пришли на адрес, который уже использовался. Свяжитесь с продавцом.",
    "Этот платёж отменён.",
    "Статус платежа: {status}. Ожидаем обновления.",
];

const TR: [&str; COUNT] = [
    "{network} ağında {coin} ile öde",
    "Ödeme bilgileri yükleniyor…",
    "Ödeme bilgileri yüklenemedi. Yeniden deneniyor…",
    "Bağlantı kesildi. Yeniden bağlanılıyor…",
    "Tutar",
    "≈ {fiat}",
    "En düşük tutar: {amount}. Daha küçük transferler işlenmez.",
    "Yalnızca {network} ağında {coin} gönderin. Başka bir ağdan gönderilen fonlar kaybolur.",
    "Adres",
    "Hedef etiketi (zorunlu)",
    "Memo (zorunlu)",
    "Yorum (zorunlu)",
    "Tam olarak gösterildiği gibi girin, aksi halde ödeme hesabınıza geçmez.",
    "Kopyala",
    "Kopyalandı",
    "Kopyalanamadı: metni seçip kopyalayın",
    "Tutarı kopyala",
    "Adresi kopyala",
    "Hedef etiketini kopyala",
    "Memoyu kopyala",
    "Yorumu kopyala",
    "QR kodunun içeriği",
    "Ödeme isteği",
    "Yalnızca adres",
    "QR kodu: {content}",
    "Bu kod yalnızca adresi içerir: tutarı cüzdanınıza girin.",
    "Cüzdanda aç",
    "{time} içinde sona eriyor",
    "Bu ödeme isteğinin süresi doldu.",
    "Bu adrese artık fon göndermeyin.",
    "Yeni bir ödeme başlat",
    "Bu adrese daha sonra da gönderebilirsiniz: her transfer hesabınıza geçer.",
    "Ödemeniz bekleniyor.",
    "Ödeme algılandı. Ağ onayları bekleniyor.",
    "{received}/{required} onay",
    "Ödeme alındı. Dönüştürülüyor.",
    "Ödeme alındı. Teşekkürler!",
    "{amount} tutarın {paid} kadarı alındı.",
    "Ödemeyi tamamlamak için {remaining} daha gönderin.",
    "Kalan {remaining}, işlenen en küçük transferden ({minimum}) az: satıcıyla iletişime geçin.",
    "Ödeme alındı. İstenenden {excess} fazla gönderdiniz: fark için satıcıyla iletişime geçin.",
    "İstenenden {excess} fazla gönderdiniz: fark için satıcıyla iletişime geçin.",
    "Ödeme alındı ve inceleniyor. Bir şey yapmanıza gerek yok.",
    "Ödeme başarısız oldu. Satıcıyla iletişime geçin.",
    "Ödeme iade edildi.",
    "Fonlar daha önce kullanılmış bir adrese geldi. Satıcıyla iletişime geçin.",
    "Bu ödeme iptal edildi.",
    "Ödeme durumu: {status}. Güncelleme bekleniyor.",
];

const AR: [&str; COUNT] = [
    "ادفع بعملة {coin} على شبكة {network}",
    "جارٍ تحميل بيانات الدفع…",
    "تعذّر تحميل بيانات الدفع. جارٍ إعادة المحاولة…",
    "انقطع الاتصال. جارٍ إعادة الاتصال…",
    "المبلغ",
    "≈ {fiat}",
    "الحد الأدنى للمبلغ: {amount}. لا تتم معالجة التحويلات الأقل منه.",
    "أرسل {coin} على شبكة {network} فقط. الأموال المرسلة عبر أي شبكة أخرى تضيع.",
    "العنوان",
    "وسم الوجهة (إلزامي)",
    "المذكرة (إلزامية)",
    "التعليق (إلزامي)",
    "أدخله تمامًا كما هو معروض، وإلا فلن يُقيَّد الدفع.",
    "نسخ",
    "تم النسخ",
    "تعذّر النسخ: حدّد النص وانسخه",
    "نسخ المبلغ",
    "نسخ العنوان",
    "نسخ وسم الوجهة",
    "نسخ المذكرة",
    "نسخ التعليق",
    "يحتوي رمز QR على",
    "طلب الدفع",
    "العنوان فقط",
    "رمز QR: {content}",
    "يحتوي هذا الرمز على العنوان فقط: أدخل المبلغ في محفظتك.",
    "فتح في المحفظة",
    "ينتهي خلال {time}",
    "انتهت صلاحية طلب الدفع هذا.",
    "لا ترسل أموالًا إلى هذا العنوان بعد الآن.",
    "بدء دفعة جديدة",
    "يمكنك إرسال المزيد إلى هذا العنوان لاحقًا: كل تحويل يُقيَّد لحسابك.",
    "في انتظار دفعتك.",
    "تم رصد الدفعة. في انتظار تأكيدات الشبكة.",
    "التأكيدات: {received} من {required}",
    "تم استلام الدفعة. جارٍ تحويلها.",
    "تم استلام الدفعة. شكرًا لك!",
    "تم استلام {paid} من {amount}.",
    "أرسل {remaining} إضافية لإكمال الدفع.",
    "المبلغ المتبقي {remaining} أقل من أصغر تحويل تتم معالجته ({minimum}): تواصل مع التاجر.",
    "تم استلام الدفعة. أرسلت {excess} أكثر من المطلوب: تواصل مع التاجر بشأن الفرق.",
    "أرسلت {excess} أكثر من المطلوب: تواصل مع التاجر بشأن الفرق.",
    "تم استلام الدفعة وهي قيد المراجعة. لا يلزمك فعل أي شيء.",
    "فشل الدفع. تواصل مع التاجر.",
    "تم استرداد الدفعة.",
    "وصلت الأموال إلى عنوان سبق استخدامه. تواصل مع التاجر.",
    "تم إلغاء هذه الدفعة.",
    "حالة الدفع: {status}. في انتظار تحديث.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use wasm_bindgen_test::*;

    /// Every language with its table.
    const LANGUAGES: [(Language, &[&str; COUNT]); 6] = [
        (Language::English, &EN),
        (Language::Spanish, &ES),
        (Language::Portuguese, &PT),
        (Language::Russian, &RU),
        (Language::Turkish, &TR),
        (Language::Arabic, &AR),
    ];

    /// The `{name}` placeholders of `text`; panics on a brace without its partner.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut names = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .unwrap_or_else(|| panic!("unclosed `{{` in {text:?}"));
            let name = &after[..close];
            assert!(
                !name.is_empty() && !name.contains('{'),
                "malformed placeholder in {text:?}"
            );
            names.insert(name);
            rest = &after[close + 1..];
        }
        assert!(!rest.contains('}'), "stray `}}` in {text:?}");
        names
    }

    /// The placeholder parser reads names and nothing else.
    #[wasm_bindgen_test]
    fn placeholder_parser_reads_names() {
        assert_eq!(
            placeholders("Confirmations: {received} of {required}"),
            BTreeSet::from(["received", "required"])
        );
        assert_eq!(placeholders("Copy"), BTreeSet::new());
    }

    /// `Language::table` gives each language its own table, and its code reads back as it.
    // Compared by value: each use of a `const` may be a copy at its own address.
    #[wasm_bindgen_test]
    fn each_language_has_its_own_table_and_code() {
        for (language, table) in LANGUAGES {
            assert_eq!(language.table(), table, "{language:?}");
            assert_eq!(Language::of(language.code()), Some(language));
        }
    }

    /// No language leaves a text empty (or blank).
    #[wasm_bindgen_test]
    fn no_language_has_an_empty_text() {
        for (language, table) in LANGUAGES {
            for (text, words) in Text::ALL.iter().zip(table) {
                assert!(
                    !words.trim().is_empty(),
                    "{language:?}: `{}` is empty",
                    text.key()
                );
            }
        }
    }

    /// Each text uses, in every language, exactly the placeholders of its English text, so
    /// `fill` leaves no `{name}` behind and drops no value.
    #[wasm_bindgen_test]
    fn every_translation_uses_the_english_placeholders() {
        for (language, table) in LANGUAGES {
            for (index, text) in Text::ALL.iter().enumerate() {
                assert_eq!(
                    placeholders(table[index]),
                    placeholders(EN[index]),
                    "{language:?}: `{}`",
                    text.key()
                );
            }
        }
    }

    /// `Language::of` reads the first subtag of a BCP 47 tag, whatever its case and
    /// separator; a language the widget does not speak, or no tag, is `None`.
    #[wasm_bindgen_test]
    fn language_of_reads_the_primary_subtag() {
        assert_eq!(Language::of("pt-BR"), Some(Language::Portuguese));
        assert_eq!(Language::of("ES"), Some(Language::Spanish));
        assert_eq!(Language::of("ar_EG"), Some(Language::Arabic));
        assert_eq!(Language::of("en-GB"), Some(Language::English));
        assert_eq!(Language::of("de"), None);
        assert_eq!(Language::of(""), None);
        assert_eq!(Language::of("-es"), None);
    }

    /// Arabic is written right to left, every other language left to right.
    #[wasm_bindgen_test]
    fn only_arabic_is_right_to_left() {
        assert_eq!(Language::Arabic.direction(), "rtl");
        for (language, _) in LANGUAGES {
            if language != Language::Arabic {
                assert_eq!(language.direction(), "ltr", "{language:?}");
            }
        }
    }

    /// A locale the widget does not speak falls back to English, tagged `en` (not the
    /// requested tag, which would format numbers in a language the texts are not in).
    #[wasm_bindgen_test]
    fn unknown_locale_falls_back_to_english_tagged_en() {
        for requested in ["xx", "", "de-DE"] {
            let locale = Locale::new(requested, vec![]);
            assert_eq!(locale.language, Language::English, "{requested:?}");
            assert_eq!(locale.tag, "en", "{requested:?}");
            assert_eq!(locale.text(Text::Paid), "Payment received. Thank you!");
        }
    }

    /// A spoken locale keeps the requested tag, with `_` written as `-`.
    #[wasm_bindgen_test]
    fn spoken_locale_keeps_the_requested_tag() {
        let brazil = Locale::new("pt_BR", vec![]);
        assert_eq!(brazil.language, Language::Portuguese);
        assert_eq!(brazil.tag, "pt-BR");
        assert_eq!(brazil.text(Text::Address), "Endereço");
        assert_eq!(Locale::new("ar-EG", vec![]).tag, "ar-EG");
    }

    /// A merchant's label replaces its one text; every other text is the language's own.
    #[wasm_bindgen_test]
    fn labels_override_one_text_and_leave_the_others() {
        let locale = Locale::new("es", vec![(Text::Paid, "¡Listo, gracias!".to_owned())]);
        assert_eq!(locale.text(Text::Paid), "¡Listo, gracias!");
        for (index, text) in Text::ALL.iter().enumerate() {
            if *text != Text::Paid {
                assert_eq!(locale.text(*text), ES[index], "`{}`", text.key());
            }
        }
    }

    /// `fill` replaces every placeholder of every text in every language (each value in
    /// bidirectional isolates in Arabic), and puts values in exactly as given.
    #[wasm_bindgen_test]
    fn fill_replaces_every_placeholder() {
        for (language, _) in LANGUAGES {
            let locale = Locale::new(language.code(), vec![]);
            for text in Text::ALL {
                let names = placeholders(locale.text(*text));
                let values: Vec<(&str, String)> = names
                    .iter()
                    .map(|name| (*name, format!("<{name} 0.00125000>")))
                    .collect();
                let borrowed: Vec<(&str, &str)> = values
                    .iter()
                    .map(|(name, value)| (*name, value.as_str()))
                    .collect();
                let filled = locale.fill(*text, &borrowed);
                assert!(
                    !filled.contains('{') && !filled.contains('}'),
                    "{language:?} `{}`: {filled:?}",
                    text.key()
                );
                for (_, value) in &values {
                    let inserted = if language == Language::Arabic {
                        format!("\u{2068}{value}\u{2069}")
                    } else {
                        value.clone()
                    };
                    assert!(
                        filled.contains(&inserted),
                        "{language:?} `{}`: {filled:?} lacks {inserted:?}",
                        text.key()
                    );
                }
            }
        }
    }

    /// `fill` on a known text gives the exact sentence, in English and in Arabic.
    #[wasm_bindgen_test]
    fn fill_writes_the_exact_sentence() {
        let english = Locale::new("en", vec![]);
        assert_eq!(
            english.fill(
                Text::Title,
                &[("coin", "USDT"), ("network", "TRON (TRC-20)")]
            ),
            "Pay with USDT on TRON (TRC-20)"
        );
        let arabic = Locale::new("ar", vec![]);
        assert_eq!(
            arabic.fill(Text::Underpaid, &[("paid", "20.00"), ("amount", "50.00")]),
            "تم استلام \u{2068}20.00\u{2069} من \u{2068}50.00\u{2069}."
        );
    }

    /// Every key reads back as its text, keys are unique, `Text::ALL` is in table order
    /// (the tables are indexed by `text as usize`), and unknown or miscased keys are none.
    #[wasm_bindgen_test]
    fn text_of_key_round_trips_every_key() {
        let mut keys = BTreeSet::new();
        for (index, text) in Text::ALL.iter().enumerate() {
            assert_eq!(*text as usize, index, "{text:?}");
            assert_eq!(text_of_key(text.key()), Some(*text), "{text:?}");
            assert!(keys.insert(text.key()), "`{}` twice", text.key());
        }
        assert_eq!(keys.len(), COUNT);
        assert_eq!(text_of_key("Title"), None);
        assert_eq!(text_of_key("nope"), None);
        assert_eq!(text_of_key(""), None);
    }
}
