"""Chinese text of the demo content, by English source segment, for load_demo's translations."""

TRANSLATIONS = {
    "zh-hant": {
        "Tower blocks with their windows lit at night": "夜裡亮着燈的高樓大廈",
        "Letters and cards spread across a table": "散放在桌上的信件和卡片",
        "The sun rising over a line of hills": "太陽從連綿的山丘後升起",
        "Rights in Action": "人權行動",
        (
            "Yes, email me news of this campaign. We will tell you when your letter reaches "
            "the authorities."
        ): ("好，請以電郵告訴我這個倡議的最新消息。你的信件送達當局時，我們會通知你。"),
        ("Yes, email me about other Rights in Action campaigns. You can stop at any time."): (
            "好，請以電郵告訴我人權行動的其他倡議。你可以隨時取消。"
        ),
        "Harbour Rights Network (fictional partner)": "海港人權網絡（虛構夥伴）",
        "I just took action for human rights. Will you add your name too?": (
            "我剛剛為人權採取了行動。你也一起聯署好嗎？"
        ),
        "Privacy notice": "私隱政策",
        (
            "When you sign an action, we keep your name, email address, country and message, "
            "the consent you gave and the language you signed in."
        ): (
            "你參與聯署時，我們會保存你的姓名、電郵地址、國家／地區和訊息，"
            "以及你給予的同意和聯署時所用的語言。"
        ),
        (
            "We deliver your name and message to the authorities the action is addressed to, "
            "and use your email address only to thank you and, if you agreed, to tell you how the "
            "campaign goes."
        ): (
            "我們會把你的姓名和訊息送交行動所針對的當局；你的電郵地址只會用來向你致謝，"
            "以及在你同意的情況下，告訴你倡議的進展。"
        ),
        (
            "We erase your details when the campaign's retention period ends, or sooner if you "
            "ask us to."
        ): "倡議的保存期限屆滿時，我們會刪除你的資料；如你要求，我們會提早刪除。",
        (
            "I wrote to the Hong Kong government to defend the right to protest. Add your voice:"
        ): "我已寫信給香港政府，捍衞示威權利。你也來發聲：",
        "Journalists are in prison for doing their job. Sign for their release:": (
            "記者因盡忠職守而身陷囹圄。請聯署要求釋放他們："
        ),
        "Stand up for human rights": "挺身捍衞人權",
        (
            "Every action on this site is a message from people like you to someone with the "
            "power to change things. Add your name, write in your own words, and help us hold "
            "governments to the promises they have made."
        ): (
            "這個網站上的每一個行動，都是像你一樣的人向有權作出改變的人發出的訊息。加入你的名字，"
            "用你自己的話寫信，幫助我們促使各國政府履行承諾。"
        ),
        "Protect the right to protest in Hong Kong": "保障香港的示威權利",
        (
            "Protesters in Hong Kong have faced force for gathering peacefully, and no one has "
            "been held to account. Write to the government: ask for an independent inquiry and "
            "for the right to protest to be respected."
        ): (
            "香港示威者和平集會，卻遭受武力對待，至今無人被追究責任。寫信給政府："
            "要求成立獨立調查委員會，並尊重市民的示威權利。"
        ),
        "What happened": "發生了甚麼事",
        (
            "In 2019, more than a million people marched against a bill that would have allowed "
            "transfers of suspects to mainland China. The bill was eventually withdrawn, but the "
            "people who spoke out still face threats to their freedom to assemble and to express "
            "themselves."
        ): (
            "2019年，逾百萬人上街遊行，反對《逃犯條例》修訂草案——該草案一旦通過，"
            "便會容許將疑犯移交中國內地。條例草案最終被撤回，但站出來發聲的人，"
            "其集會自由和表達自由至今仍然受到威脅。"
        ),
        (
            "Observers documented police using tear gas, batons and rubber bullets against crowds "
            "that were overwhelmingly peaceful, arresting protesters on loosely defined charges, "
            "mistreating people in custody, and failing to step in when protesters were attacked "
            "by others."
        ): (
            "觀察人士記錄到，警方向絕大多數和平的人群使用催淚彈、警棍和橡膠子彈，"
            "以定義含糊的罪名拘捕示威者，在羈留期間虐待被捕人士，"
            "並在示威者遭其他人襲擊時未有介入。"
        ),
        "A crowd of protesters holding yellow placards at dusk.": (
            "黃昏時分，一群手持黃色標語牌的示威者。"
        ),
        "Demonstrators gather in the city centre.": "示威者在市中心聚集。",
        "Illustration: Campaigns portal demo": "插圖：行動平台示範",
        "Why an independent inquiry": "為何需要獨立調查",
        (
            "Allegations this serious and this widespread call for a full, independent "
            "investigation. A commission of inquiry with enough resources and real investigative "
            "powers is the first step towards accountability and justice, and its recommendations "
            "can stop the same abuses from happening again."
        ): (
            "指控如此嚴重、涉及範圍如此廣泛，必須進行全面而獨立的調查。"
            "成立一個擁有充足資源和真正調查權力的獨立調查委員會，是邁向問責與公義的第一步，"
            "而委員會的建議亦可防止同類侵犯人權行為再次發生。"
        ),
        "We came out to be heard, not to be hurt.": "我們上街是為了發聲，不是為了受傷。",
        "A student protester": "一名學生示威者",
        "the Hong Kong government": "香港政府",
        "We call on the Hong Kong government to act now and:": "我們呼籲香港政府立即採取行動：",
        (
            "Set up a fully independent mechanism to investigate the police's use of force and "
            "other abuses."
        ): "設立完全獨立的機制，調查警方使用武力及其他濫權行為。",
        (
            "Respect and protect the rights to freedom of expression, association and peaceful "
            "assembly."
        ): "尊重並保障表達自由、結社自由及和平集會自由。",
        "Write to the government": "寫信給政府",
        "We have drafted a message for you. Make it your own, then send it.": (
            "我們已為你擬好一則訊息。你可按自己的想法修改，然後發送。"
        ),
        "Send my message": "發送我的訊息",
        "This action is closed": "此行動已結束",
        (
            "Thank you for your support. This action has now closed, and the messages have been "
            "delivered."
        ): "感謝你的支持。此行動現已結束，所有訊息已經送達。",
        (
            "Your message is on its way. Together, our letters show the authorities that the "
            "world is watching. Please share this action with a friend."
        ): (
            "你的訊息正在發送中。我們的信件匯聚起來，讓當局知道全世界都在關注。"
            "請與朋友分享這個行動。"
        ),
        "First name": "名字",
        "Last name": "姓氏",
        "Email": "電郵",
        "Country": "國家／地區",
        "Your message": "你的訊息",
        (
            "To the Chief Executive of Hong Kong,<br/><br/>I am writing to ask you to protect the "
            "right of people in Hong Kong to gather peacefully and to speak freely.<br/><br/>"
            "Please set up a fully independent body with the resources and powers to investigate "
            "the police's use of force during the protests, and make sure its findings are acted "
            "upon.<br/><br/>Yours sincerely,"
        ): (
            "香港特別行政區行政長官閣下：<br/><br/>本人謹此致函，"
            "懇請閣下保障香港市民和平集會及自由發表意見的權利。<br/><br/>請成立一個完全獨立、"
            "具備足夠資源和權力的機構，調查警方在示威期間使用武力的情況，"
            "並確保其調查結果得到落實。<br/><br/>此致敬禮！"
        ),
        "You can edit the message before sending it.": "你可以在發送前修改訊息。",
        "I agree that my name and message are delivered to the authorities": (
            "我同意將我的名字和訊息送交當局"
        ),
        "The campaign team keeps them for this action only.": "行動團隊只會為此行動保存這些資料。",
        "Free the journalists jailed for their reporting": "釋放因新聞報道而被囚的記者",
        (
            "Reporters are in prison for doing their job. Sign our petition asking for their "
            "immediate release."
        ): "記者因履行職責而身陷囹圄。請聯署我們的請願，要求立即釋放他們。",
        "Reporting is not a crime": "新聞報道不是罪行",
        (
            "In the past year, several journalists have been jailed on charges that punish them "
            "for their work. Their families have not been told when they will be released."
        ): (
            "過去一年，多名記者被控以各種罪名而遭監禁，這些罪名實際上是懲罰他們的新聞工作。"
            "他們的家人至今仍未獲告知他們何時才能獲釋。"
        ),
        "the authorities": "當局",
        "Release every journalist held for their reporting, immediately and without conditions.": (
            "立即無條件釋放所有因新聞報道而被拘押的記者。"
        ),
        "Drop all charges against them.": "撤銷對他們的所有控罪。",
        "Sign the petition": "聯署請願",
        "Sign now": "立即聯署",
        "This petition is closed": "此聯署已結束",
        "Thank you to everyone who signed.": "感謝每一位參與聯署的人。",
        "Thank you for signing. We will deliver every signature when the petition closes.": (
            "感謝你的聯署。聯署結束時，我們會遞交每一個簽名。"
        ),
        "Full name": "全名",
        "Stop the forced evictions": "停止強迫驅逐",
        (
            "Families were removed from their homes without notice or compensation. This action "
            "has closed: thank you to everyone who took part."
        ): (
            "多個家庭在沒有事先通知、也沒有任何補償的情況下被逐出家園。此行動已結束："
            "感謝每一位參與的人。"
        ),
        "Homes lost overnight": "一夜之間失去家園",
        (
            "Hundreds of families were evicted to make way for a development project. Many are "
            "still waiting for new homes."
        ): "數以百計的家庭被迫遷出，為一個發展項目讓路。許多人至今仍在等待新的居所。",
        "Add your name": "加入你的名字",
        (
            "Thank you for your support. More than 12,000 people signed, and the petition was "
            "handed to the housing ministry."
        ): "感謝你的支持。超過12,000人參與聯署，請願信已遞交房屋部。",
        "Thank you for taking action.": "感謝你採取行動。",
        "Give to Rights in Action": "捐助人權行動",
        "Your gift pays for the research and the letters behind every action on this site.": (
            "你的捐款會用於這個網站上每一個行動背後的調查研究和寫信工作。"
        ),
        "Give to defend press freedom": "捐款捍衞新聞自由",
        (
            "Lawyers, prison visits and letters cost money. Your gift keeps them going until "
            "every journalist is free."
        ): "聘請律師、探監和寫信都需要經費。你的捐款讓這些工作持續下去，直至每一位記者重獲自由。",
    },
    "zh-hans": {
        "Tower blocks with their windows lit at night": "夜里亮着灯的高楼大厦",
        "Letters and cards spread across a table": "散放在桌上的信件和卡片",
        "The sun rising over a line of hills": "太阳从连绵的山丘后升起",
        "Rights in Action": "人权行动",
        (
            "Yes, email me news of this campaign. We will tell you when your letter reaches "
            "the authorities."
        ): (
            "好的，请通过电子邮件告诉我这项倡议的最新消息。您的信件送达有关当局时，我们会通知您。"
        ),
        ("Yes, email me about other Rights in Action campaigns. You can stop at any time."): (
            "好的，请通过电子邮件告诉我人权行动的其他倡议。您可以随时取消。"
        ),
        "Harbour Rights Network (fictional partner)": "海港人权网络（虚构伙伴）",
        "I just took action for human rights. Will you add your name too?": (
            "我刚刚为人权采取了行动。您也一起签名吧？"
        ),
        "Privacy notice": "隐私政策",
        (
            "When you sign an action, we keep your name, email address, country and message, "
            "the consent you gave and the language you signed in."
        ): (
            "您签名时，我们会保存您的姓名、电子邮件地址、国家/地区和信息，"
            "以及您给予的同意和签名时使用的语言。"
        ),
        (
            "We deliver your name and message to the authorities the action is addressed to, "
            "and use your email address only to thank you and, if you agreed, to tell you how the "
            "campaign goes."
        ): (
            "我们会把您的姓名和信息递交给行动所针对的当局；您的电子邮件地址只用于向您致谢，"
            "以及在您同意的情况下，告诉您倡议的进展。"
        ),
        (
            "We erase your details when the campaign's retention period ends, or sooner if you "
            "ask us to."
        ): "倡议的保存期限届满时，我们会删除您的信息；如您要求，我们会提前删除。",
        (
            "I wrote to the Hong Kong government to defend the right to protest. Add your voice:"
        ): "我已写信给香港政府，捍卫示威权利。您也来发声：",
        "Journalists are in prison for doing their job. Sign for their release:": (
            "记者因尽职工作而身陷囹圄。请签名要求释放他们："
        ),
        "Stand up for human rights": "挺身捍卫人权",
        (
            "Every action on this site is a message from people like you to someone with the "
            "power to change things. Add your name, write in your own words, and help us hold "
            "governments to the promises they have made."
        ): (
            "本网站上的每一项行动，都是像您一样的人向有权带来改变的人传递的信息。请加上您的名字，"
            "用您自己的话写信，帮助我们督促各国政府兑现承诺。"
        ),
        "Protect the right to protest in Hong Kong": "保护香港的抗议权利",
        (
            "Protesters in Hong Kong have faced force for gathering peacefully, and no one has "
            "been held to account. Write to the government: ask for an independent inquiry and "
            "for the right to protest to be respected."
        ): (
            "香港抗议者因和平集会而遭受武力对待，至今无人被追究责任。请写信给政府："
            "要求展开独立调查，并尊重民众的抗议权利。"
        ),
        "What happened": "发生了什么",
        (
            "In 2019, more than a million people marched against a bill that would have allowed "
            "transfers of suspects to mainland China. The bill was eventually withdrawn, but the "
            "people who spoke out still face threats to their freedom to assemble and to express "
            "themselves."
        ): (
            "2019年，超过一百万人上街游行，反对一项允许将犯罪嫌疑人移交中国内地的法案。"
            "该法案最终被撤回，但那些站出来发声的人，其集会自由和表达自由至今仍然受到威胁。"
        ),
        (
            "Observers documented police using tear gas, batons and rubber bullets against crowds "
            "that were overwhelmingly peaceful, arresting protesters on loosely defined charges, "
            "mistreating people in custody, and failing to step in when protesters were attacked "
            "by others."
        ): (
            "观察人士记录到，警方对绝大多数和平的人群使用催泪弹、警棍和橡皮子弹，"
            "以定义模糊的罪名逮捕抗议者，在羁押期间虐待被捕者，"
            "并且在抗议者遭到他人袭击时未加干预。"
        ),
        "A crowd of protesters holding yellow placards at dusk.": (
            "黄昏时分，一群手举黄色标语牌的抗议者。"
        ),
        "Demonstrators gather in the city centre.": "抗议者在市中心聚集。",
        "Illustration: Campaigns portal demo": "插图：行动平台演示",
        "Why an independent inquiry": "为什么需要独立调查",
        (
            "Allegations this serious and this widespread call for a full, independent "
            "investigation. A commission of inquiry with enough resources and real investigative "
            "powers is the first step towards accountability and justice, and its recommendations "
            "can stop the same abuses from happening again."
        ): (
            "指控如此严重、涉及范围如此广泛，必须进行全面、独立的调查。"
            "设立一个拥有充足资源和切实调查权力的调查委员会，是迈向问责与正义的第一步，"
            "而委员会的建议也能防止同样的侵权行为再次发生。"
        ),
        "We came out to be heard, not to be hurt.": "我们走上街头是为了发声，不是为了受伤。",
        "A student protester": "一名学生抗议者",
        "the Hong Kong government": "香港政府",
        "We call on the Hong Kong government to act now and:": "我们呼吁香港政府立即采取行动：",
        (
            "Set up a fully independent mechanism to investigate the police's use of force and "
            "other abuses."
        ): "设立完全独立的机制，调查警方使用武力及其他滥权行为。",
        (
            "Respect and protect the rights to freedom of expression, association and peaceful "
            "assembly."
        ): "尊重并保障言论自由、结社自由与和平集会自由。",
        "Write to the government": "写信给政府",
        "We have drafted a message for you. Make it your own, then send it.": (
            "我们已为您起草了一封信。请按您的想法修改，然后发送。"
        ),
        "Send my message": "发送我的信息",
        "This action is closed": "此行动已结束",
        (
            "Thank you for your support. This action has now closed, and the messages have been "
            "delivered."
        ): "感谢您的支持。此行动现已结束，所有信息均已送达。",
        (
            "Your message is on its way. Together, our letters show the authorities that the "
            "world is watching. Please share this action with a friend."
        ): (
            "您的信息正在发送途中。我们的信件汇聚在一起，让当局知道全世界都在关注。"
            "请将此行动分享给您的朋友。"
        ),
        "First name": "名字",
        "Last name": "姓氏",
        "Email": "电子邮件",
        "Country": "国家/地区",
        "Your message": "您的留言",
        (
            "To the Chief Executive of Hong Kong,<br/><br/>I am writing to ask you to protect the "
            "right of people in Hong Kong to gather peacefully and to speak freely.<br/><br/>"
            "Please set up a fully independent body with the resources and powers to investigate "
            "the police's use of force during the protests, and make sure its findings are acted "
            "upon.<br/><br/>Yours sincerely,"
        ): (
            "尊敬的香港特别行政区行政长官：<br/><br/>我谨致函，"
            "恳请您保障香港民众和平集会和自由表达的权利。<br/><br/>请设立一个完全独立、"
            "拥有充足资源和权力的机构，调查警方在抗议活动期间使用武力的情况，"
            "并确保其调查结论得到落实。<br/><br/>此致敬礼！"
        ),
        "You can edit the message before sending it.": "您可以在发送前修改信息。",
        "I agree that my name and message are delivered to the authorities": (
            "我同意将我的姓名和信息递交给有关当局"
        ),
        "The campaign team keeps them for this action only.": "行动团队仅为本次行动保存这些信息。",
        "Free the journalists jailed for their reporting": "释放因新闻报道而入狱的记者",
        (
            "Reporters are in prison for doing their job. Sign our petition asking for their "
            "immediate release."
        ): "记者因履行职责而身陷囹圄。请签署我们的请愿书，要求立即释放他们。",
        "Reporting is not a crime": "新闻报道不是犯罪",
        (
            "In the past year, several journalists have been jailed on charges that punish them "
            "for their work. Their families have not been told when they will be released."
        ): (
            "过去一年，多名记者以种种罪名被判入狱，这些罪名实为惩罚他们的新闻工作。"
            "他们的家人至今仍未被告知他们何时能够获释。"
        ),
        "the authorities": "当局",
        "Release every journalist held for their reporting, immediately and without conditions.": (
            "立即无条件释放所有因新闻报道而被关押的记者。"
        ),
        "Drop all charges against them.": "撤销对他们的所有指控。",
        "Sign the petition": "签署请愿书",
        "Sign now": "立即签名",
        "This petition is closed": "此请愿已结束",
        "Thank you to everyone who signed.": "感谢每一位签名的人。",
        "Thank you for signing. We will deliver every signature when the petition closes.": (
            "感谢您的签名。请愿结束时，我们会递交每一份签名。"
        ),
        "Full name": "姓名",
        "Stop the forced evictions": "停止强迫驱逐",
        (
            "Families were removed from their homes without notice or compensation. This action "
            "has closed: thank you to everyone who took part."
        ): (
            "许多家庭在没有事先通知、也没有任何补偿的情况下被赶出家园。此行动已结束："
            "感谢每一位参与的人。"
        ),
        "Homes lost overnight": "一夜之间失去家园",
        (
            "Hundreds of families were evicted to make way for a development project. Many are "
            "still waiting for new homes."
        ): "数百个家庭被强制迁离，为一个开发项目让路。许多人至今仍在等待新的住所。",
        "Add your name": "加上您的名字",
        (
            "Thank you for your support. More than 12,000 people signed, and the petition was "
            "handed to the housing ministry."
        ): "感谢您的支持。超过12,000人签名，请愿书已递交给住房部。",
        "Thank you for taking action.": "感谢您采取行动。",
        "Give to Rights in Action": "捐助人权行动",
        "Your gift pays for the research and the letters behind every action on this site.": (
            "您的捐款将用于本网站每一项行动背后的调查研究和写信工作。"
        ),
        "Give to defend press freedom": "捐款捍卫新闻自由",
        (
            "Lawyers, prison visits and letters cost money. Your gift keeps them going until "
            "every journalist is free."
        ): "聘请律师、探监和写信都需要经费。您的捐款让这些工作持续下去，直到每一位记者重获自由。",
    },
}
