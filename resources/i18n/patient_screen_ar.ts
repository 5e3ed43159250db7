<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>DeclinePage</name>
    <message>
        <location filename="../../app/ui/patient/review.py" line="271"/>
        <source>You do not want the procedure</source>
        <translation>لا ترغب في الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="273"/>
        <source>That is your right. Your decision is recorded and kept like a consent, and you sign it. You can change your mind later by talking to your doctor.</source>
        <translation>هذا حقك. يُسجَّل قرارك ويُحفظ كما تُحفظ الموافقة، وتوقّع عليه. ويمكنك تغيير رأيك لاحقاً بالحديث مع طبيبك.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="276"/>
        <location filename="../../app/ui/patient/review.py" line="278"/>
        <source>Yes, I refuse the procedure</source>
        <translation>نعم، أرفض الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="279"/>
        <source>Go back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="280"/>
        <source>Go back to the summary</source>
        <translation>الرجوع إلى الملخص</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="218"/>
        <source>Thank you</source>
        <translation>شكراً لك</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="234"/>
        <source>Your decision not to have the procedure is signed. Please give the screen back to the team; the physician signs at the desk.</source>
        <translation>وقّعت على قرارك بعدم إجراء العملية. يرجى إعادة الشاشة إلى الفريق؛ ويوقّع الطبيب على شاشة المكتب.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="236"/>
        <source>Your signature is recorded. Please give the screen back to the team; the physician signs at the desk.</source>
        <translation>سُجّل توقيعك. يرجى إعادة الشاشة إلى الفريق؛ ويوقّع الطبيب على شاشة المكتب.</translation>
    </message>
</context>
<context>
    <name>NeutralPage</name>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="141"/>
        <source>This screen is waiting</source>
        <translation>الشاشة في وضع الانتظار</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="144"/>
        <source>Please ask a member of the team to continue. Nothing has been lost.</source>
        <translation>يرجى طلب أحد أفراد الفريق للمتابعة. لم يضِع شيء مما أنجزته.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="147"/>
        <source>Staff: continue</source>
        <translation>للفريق: متابعة</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="149"/>
        <source>Staff: continue with the password</source>
        <translation>للفريق: المتابعة بكلمة المرور</translation>
    </message>
</context>
<context>
    <name>PatientScreen</name>
    <message>
        <location filename="../../app/ui/patient/window.py" line="103"/>
        <location filename="../../app/ui/patient/window.py" line="357"/>
        <source>Read aloud</source>
        <translation>اقرأ لي</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="104"/>
        <source>Read this page aloud</source>
        <translation>قراءة هذه الصفحة بصوت مسموع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="105"/>
        <source>A−</source>
        <translation>أ−</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="106"/>
        <source>Smaller text</source>
        <translation>تصغير النص</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="107"/>
        <source>A+</source>
        <translation>أ+</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="108"/>
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="109"/>
        <source>High contrast</source>
        <translation>تباين عالٍ</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="111"/>
        <source>High contrast: light text on black</source>
        <translation>تباين عالٍ: نص فاتح على خلفية سوداء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="112"/>
        <source>Staff</source>
        <translation>للفريق</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="114"/>
        <source>Staff only: leave the patient screen with a password</source>
        <translation>لأفراد الفريق فقط: مغادرة شاشة المريض بكلمة مرور</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="138"/>
        <source>Page</source>
        <translation>الصفحة</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="181"/>
        <source>Consent for: %1</source>
        <translation>الموافقة الخاصة بـ: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="290"/>
        <source>I attest that the whole content of this form was read to the patient, and that the patient made the mark in front of me.</source>
        <translation>أشهد أن محتوى هذا النموذج قُرئ كاملاً على المريض، وأنه وضع علامته أمامي.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="293"/>
        <source>I attest that I interpreted this form and the discussion faithfully.</source>
        <translation>أشهد أنني ترجمت هذا النموذج والنقاش بأمانة.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="357"/>
        <source>Stop reading</source>
        <translation>أوقف القراءة</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="430"/>
        <source>The witness must attest that the content was read to the patient.</source>
        <translation>يجب أن يشهد الشاهد بأن المحتوى قُرئ على المريض.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="432"/>
        <source>The interpreter must attest the translation.</source>
        <translation>يجب أن يُقرّ المترجم بصحة الترجمة.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/window.py" line="434"/>
        <source>This person signs at the desk.</source>
        <translation>يوقّع هذا الشخص على شاشة المكتب.</translation>
    </message>
</context>
<context>
    <name>PatientSigning</name>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="23"/>
        <source>Patient</source>
        <translation>المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="24"/>
        <source>Legal representative</source>
        <translation>الممثل القانوني</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="25"/>
        <source>Witness</source>
        <translation>الشاهد</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="26"/>
        <source>Interpreter</source>
        <translation>المترجم</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="27"/>
        <source>Physician</source>
        <translation>الطبيب</translation>
    </message>
</context>
<context>
    <name>PatientSigningPage</name>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="80"/>
        <source>I am the patient</source>
        <translation>أنا المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="80"/>
        <source>The patient signs</source>
        <translation>يوقّع المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="81"/>
        <source>I am the legal representative</source>
        <translation>أنا الممثل القانوني</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="82"/>
        <source>A legal representative signs</source>
        <translation>يوقّع الممثل القانوني</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="89"/>
        <source>I cannot write: I make a mark (a witness then signs)</source>
        <translation>لا أستطيع الكتابة: أضع علامة (ويوقّع بعدها شاهد)</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="90"/>
        <source>Sign with a mark; a witness is then required</source>
        <translation>التوقيع بعلامة؛ ويلزم عندها شاهد</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="96"/>
        <source>Printed &amp;name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="96"/>
        <source>Printed name of the signer</source>
        <translation>اسم الموقّع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="98"/>
        <source>&amp;Relationship to the patient</source>
        <translation>صلة القرابة بالمريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="100"/>
        <source>Why the patient cannot decide</source>
        <translation>لماذا لا يستطيع المريض أن يقرر</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="102"/>
        <source>&amp;Language interpreted</source>
        <translation>اللغة المترجَم إليها</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="107"/>
        <source>Yes, I attest this</source>
        <translation>نعم، أشهد بذلك</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="114"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="115"/>
        <source>Undo the last stroke</source>
        <translation>التراجع عن آخر خط</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="116"/>
        <source>Start again</source>
        <translation>ابدأ من جديد</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="117"/>
        <source>Clear the pad and start again</source>
        <translation>مسح اللوح والبدء من جديد</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="118"/>
        <source>Sign</source>
        <translation>وقّع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="120"/>
        <source>Accept this signature</source>
        <translation>اعتماد هذا التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="170"/>
        <source>Now signing: %1</source>
        <translation>يوقّع الآن: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="185"/>
        <source>What this signature means: %1</source>
        <translation>معنى هذا التوقيع: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="109"/>
        <location filename="../../app/ui/patient/signing.py" line="190"/>
        <source>Attestation</source>
        <translation>إقرار</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="73"/>
        <source>What you sign</source>
        <translation>ما توقّع عليه</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="202"/>
        <source>Sign inside the white box.</source>
        <translation>وقّع داخل المربع الأبيض.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="203"/>
        <source>This is too small to be a signature. Please sign again.</source>
        <translation>هذا أصغر من أن يكون توقيعاً. يرجى التوقيع مرة أخرى.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="205"/>
        <source>Signature ready</source>
        <translation>التوقيع جاهز</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Anaesthesia planned for you</source>
        <translation>التخدير المخطط لك</translation>
    </message>
    <message>
        <source>Consultant responsible</source>
        <translation>الاستشاري المسؤول</translation>
    </message>
    <message>
        <source>Emergency (ambulance)</source>
        <translation>الطوارئ (الإسعاف)</translation>
    </message>
    <message>
        <source>The team, in working hours</source>
        <translation>الفريق في أوقات الدوام</translation>
    </message>
    <message>
        <source>The team, after hours</source>
        <translation>الفريق بعد الدوام</translation>
    </message>
    <message>
        <source>Numbers to call</source>
        <translation>أرقام للاتصال</translation>
    </message>
    <message>
        <source>Form %1, reviewed until %2</source>
        <translation>النموذج %1، تاريخ مراجعته %2</translation>
    </message>
    <message>
        <source>Before you agree, answer the questions above with yes or no.</source>
        <translation>قبل أن توافق، أجب عن الأسئلة السابقة بنعم أو لا.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="175"/>
        <source>Before you sign</source>
        <translation>قبل أن توقّع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="180"/>
        <source>Summary that will be printed, with what you declare</source>
        <translation>الملخص الذي سيُطبع، وما تُقرّ به</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="185"/>
        <source>Go to that part</source>
        <translation>الذهاب إلى ذلك الجزء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="186"/>
        <source>Go to the first part not yet understood</source>
        <translation>الذهاب إلى أول جزء لم يُؤكَّد فهمه</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="187"/>
        <source>Back to the parts</source>
        <translation>العودة إلى الأجزاء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="188"/>
        <source>Back to the parts of the form</source>
        <translation>العودة إلى أجزاء النموذج</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="189"/>
        <source>I do not want the procedure</source>
        <translation>لا أرغب في الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="191"/>
        <source>I do not want the procedure (refuse)</source>
        <translation>لا أرغب في الإجراء (رفض)</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="192"/>
        <location filename="../../app/ui/patient/review.py" line="194"/>
        <source>I agree: go to signing</source>
        <translation>أوافق: إلى التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="220"/>
        <source>Procedure</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="221"/>
        <source>Level(s) of the spine</source>
        <translation>الفقرة أو الفقرات</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="223"/>
        <source>Your condition</source>
        <translation>حالتك</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="228"/>
        <source>Risks for your condition</source>
        <translation>المخاطر في حالتك</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="229"/>
        <source>Your questions</source>
        <translation>أسئلتك</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="230"/>
        <source>No questions were recorded.</source>
        <translation>لم تُسجَّل أسئلة.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="231"/>
        <source>What you declare when you sign</source>
        <translation>ما تُقرّ به عند التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="252"/>
        <source>Before you agree, say that you understood every part. Not yet: %1</source>
        <translation>قبل الموافقة، أكّد أنك فهمت كل جزء. لم يُؤكَّد بعد: %1</translation>
    </message>
</context>
<context>
    <name>RiskBox</name>
    <message>
        <location filename="../../app/ui/patient/review.py" line="68"/>
        <source>For your condition, about %1 in every 100 patients have a complication that causes symptoms.</source>
        <translation>في حالتك، يصاب نحو %1 من كل 100 مريض بمضاعفات تسبب أعراضاً.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="70"/>
        <source>For your condition, %1 to %2 in every 100 patients have a complication that causes symptoms.</source>
        <translation>في حالتك، يصاب من %1 إلى %2 من كل 100 مريض بمضاعفات تسبب أعراضاً.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="73"/>
        <source>For your condition, complications that cause symptoms: %1</source>
        <translation>في حالتك، نسبة المضاعفات التي تسبب أعراضاً: %1</translation>
    </message>
</context>
<context>
    <name>SectionPage</name>
    <message>
        <location filename="../../app/ui/patient/review.py" line="98"/>
        <source>Section text</source>
        <translation>نص الجزء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="102"/>
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="103"/>
        <source>Previous section</source>
        <translation>الجزء السابق</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="104"/>
        <source>I have a question</source>
        <translation>لدي سؤال</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="106"/>
        <source>I have a question: the team is told</source>
        <translation>لدي سؤال: يُبلَّغ الفريق</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="107"/>
        <location filename="../../app/ui/patient/review.py" line="153"/>
        <source>I understood</source>
        <translation>فهمت</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="109"/>
        <source>I understood this section</source>
        <translation>فهمت هذا الجزء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="110"/>
        <location filename="../../app/ui/patient/review.py" line="157"/>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="111"/>
        <location filename="../../app/ui/patient/review.py" line="158"/>
        <source>Next section</source>
        <translation>الجزء التالي</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="136"/>
        <source>Part %1 of %2</source>
        <translation>الجزء %1 من %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="145"/>
        <source>You said that you understood this part.</source>
        <translation>أكّدت أنك فهمت هذا الجزء.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="147"/>
        <source>The team has been told about your question. Someone will come to answer it. Then press “I understood”.</source>
        <translation>أُبلغ الفريق بسؤالك. سيأتي أحدهم ليجيبك. ثم اضغط «فهمت».</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="150"/>
        <source>Read this part, or ask for it to be read to you. Then press “I understood” or “I have a question”.</source>
        <translation>اقرأ هذا الجزء، أو اطلب أن يُقرأ عليك. ثم اضغط «فهمت» أو «لدي سؤال».</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="157"/>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/review.py" line="159"/>
        <source>Go to the summary before signing</source>
        <translation>الانتقال إلى الملخص قبل التوقيع</translation>
    </message>
</context>
<context>
    <name>SignedList</name>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="46"/>
        <source>%1: %2 — signed %3</source>
        <translation>%1: %2 — وقّع %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="49"/>
        <source>by a mark</source>
        <translation>بعلامة</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signing.py" line="54"/>
        <source>No signatures yet</source>
        <translation>لا توجد تواقيع بعد</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="175"/>
        <source>Staff only</source>
        <translation>لأفراد الفريق فقط</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="177"/>
        <source>A member of the team enters their own username and password.</source>
        <translation>يُدخل أحد أفراد الفريق اسم المستخدم وكلمة المرور الخاصين به.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="179"/>
        <source>&amp;Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="181"/>
        <source>Staff username</source>
        <translation>اسم مستخدم الموظف</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="184"/>
        <source>&amp;Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="187"/>
        <source>Staff password</source>
        <translation>كلمة مرور الموظف</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="193"/>
        <location filename="../../app/ui/patient/kiosk.py" line="195"/>
        <source>Return to the patient</source>
        <translation>العودة إلى المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="196"/>
        <source>Close the patient screen</source>
        <translation>إغلاق شاشة المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="197"/>
        <source>Close the patient screen and return to the desk</source>
        <translation>إغلاق شاشة المريض والعودة إلى المكتب</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="198"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/kiosk.py" line="199"/>
        <source>Cancel: back to the patient without a password</source>
        <translation>إلغاء: العودة إلى المريض دون كلمة مرور</translation>
    </message>
</context>
<context>
    <name>ChoiceQuestion</name>
    <message>
        <source>Yes, I agree</source>
        <translation>نعم، أوافق</translation>
    </message>
    <message>
        <source>No, I do not agree</source>
        <translation>لا أوافق</translation>
    </message>
</context>
</TS>
