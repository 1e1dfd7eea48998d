<?xml version="1.0" encoding="UTF-8"?>
<!-- A user's notifications (/inbox, pages/inbox.c), newest first. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'nav.inbox'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'nav.inbox'"/></xsl:call-template></h1>
    <xsl:choose>
      <xsl:when test="not(inbox/notification)">
        <p><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.empty'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="inbox/notification[@unread]">
          <form method="post" action="/inbox/read">
            <xsl:call-template name="csrf"/>
            <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.read-all'"/></xsl:call-template></button>
          </form>
        </xsl:if>
        <ul class="inbox">
          <xsl:for-each select="inbox/notification">
            <li>
              <xsl:if test="@unread"><xsl:attribute name="class">unread</xsl:attribute></xsl:if>
              <p>
                <xsl:if test="@unread"><strong><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.new'"/></xsl:call-template></strong><xsl:text> </xsl:text></xsl:if>
                <xsl:call-template name="s"><xsl:with-param name="k" select="concat('inbox.', @kind)"/></xsl:call-template>
                <xsl:if test="@teacher and /page/user/@role != 'teacher'"><xsl:text> · </xsl:text><xsl:value-of select="@teacher"/></xsl:if>
                <xsl:if test="@item"><xsl:text> · </xsl:text><xsl:value-of select="@item"/></xsl:if>
                <xsl:if test="@school and (@kind = 'year_submitted' or @kind = 'year_confirmed' or @kind = 'year_reopened')"><xsl:text> · </xsl:text><xsl:value-of select="@school"/></xsl:if>
                <xsl:if test="@year"><xsl:text>（</xsl:text><xsl:value-of select="@year"/><xsl:text>）</xsl:text></xsl:if>
              </p>
              <xsl:if test="@kind = 'deadline_near'">
                <p><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.deadline-on'"/></xsl:call-template><xsl:value-of select="detail"/>
                  <xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.days-left'"/></xsl:call-template><xsl:value-of select="@days"/><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.days'"/></xsl:call-template></p>
              </xsl:if>
              <xsl:if test="detail and @kind = 'notice_published'">
                <p class="hint"><xsl:value-of select="detail"/></p>
              </xsl:if>
              <xsl:if test="detail and @kind != 'deadline_near' and @kind != 'notice_published'">
                <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.reason'"/></xsl:call-template><xsl:value-of select="detail"/></p>
              </xsl:if>
              <p class="hint"><time datetime="{@at}"><xsl:value-of select="translate(substring(@at, 1, 16), 'T', ' ')"/></time>
                <xsl:if test="@record">
                  <xsl:text> · </xsl:text>
                  <xsl:variable name="base">
                    <xsl:choose>
                      <xsl:when test="/page/user/@role = 'teacher'">/teacher</xsl:when>
                      <xsl:when test="/page/user/@role = 'district_admin'">/district</xsl:when>
                      <xsl:otherwise>/school</xsl:otherwise>
                    </xsl:choose>
                  </xsl:variable>
                  <a href="{$base}/records/{@record}"><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.open-record'"/></xsl:call-template></a>
                </xsl:if>
                <xsl:if test="@notice">
                  <xsl:text> · </xsl:text>
                  <a href="/school/notices/{@notice}"><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.open-notice'"/></xsl:call-template></a>
                </xsl:if>
                <xsl:if test="@unread">
                  <form method="post" action="/inbox/read" class="inline">
                    <xsl:call-template name="csrf"/>
                    <input type="hidden" name="id" value="{@id}"/>
                    <xsl:text> </xsl:text><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'inbox.mark-read'"/></xsl:call-template></button>
                  </form>
                </xsl:if>
              </p>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
