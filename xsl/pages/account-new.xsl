<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!-- Creating an account: what the form offers depends on who asks. -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <section class="card">
      <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.heading'"/></xsl:call-template></h1>
      <form method="post" action="/accounts/new">
        <xsl:call-template name="csrf"/>
        <xsl:choose>
          <xsl:when test="choices/@roles = 'teacher'">
            <div class="field">
              <label for="f-teacher"><xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.teacher'"/></xsl:call-template></label>
              <select id="f-teacher" name="teacher">
                <xsl:for-each select="choices/teacher">
                  <option value="{@id}">
                    <xsl:if test="/page/form/value[@name = 'teacher'] = @id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="@staff-no"/><xsl:text> </xsl:text><xsl:value-of select="."/>
                  </option>
                </xsl:for-each>
              </select>
              <xsl:call-template name="field-error"><xsl:with-param name="n" select="'teacher'"/></xsl:call-template>
              <xsl:if test="not(choices/teacher)"><p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.no-teachers'"/></xsl:call-template></p></xsl:if>
            </div>
            <fieldset class="field">
              <legend><xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.login-kind'"/></xsl:call-template></legend>
              <label><input type="radio" name="login_kind" value="staff_no" checked="checked"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.login-staff'"/></xsl:call-template></label>
              <label><input type="radio" name="login_kind" value="phone">
                <xsl:if test="form/value[@name = 'login_kind'] = 'phone'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input> <xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.login-phone'"/></xsl:call-template></label>
              <xsl:call-template name="field-error"><xsl:with-param name="n" select="'login_kind'"/></xsl:call-template>
            </fieldset>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="input">
              <xsl:with-param name="n" select="'login'"/>
              <xsl:with-param name="label" select="'account.login'"/>
            </xsl:call-template>
            <xsl:call-template name="input">
              <xsl:with-param name="n" select="'name'"/>
              <xsl:with-param name="label" select="'account.name'"/>
            </xsl:call-template>
            <xsl:choose>
              <xsl:when test="choices/district">
                <div class="field">
                  <label for="f-district"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.district'"/></xsl:call-template></label>
                  <select id="f-district" name="district">
                    <xsl:for-each select="choices/district">
                      <option value="{@id}"><xsl:value-of select="."/></option>
                    </xsl:for-each>
                  </select>
                  <xsl:call-template name="field-error"><xsl:with-param name="n" select="'district'"/></xsl:call-template>
                </div>
              </xsl:when>
              <xsl:otherwise>
                <div class="field">
                  <label for="f-role"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.role'"/></xsl:call-template></label>
                  <select id="f-role" name="role">
                    <option value="school_admin"><xsl:call-template name="str"><xsl:with-param name="k" select="'role.school_admin'"/></xsl:call-template></option>
                    <option value="school_leader">
                      <xsl:if test="form/value[@name = 'role'] = 'school_leader'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="str"><xsl:with-param name="k" select="'role.school_leader'"/></xsl:call-template></option>
                  </select>
                  <xsl:call-template name="field-error"><xsl:with-param name="n" select="'role'"/></xsl:call-template>
                </div>
                <div class="field">
                  <label for="f-school"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></label>
                  <select id="f-school" name="school">
                    <xsl:for-each select="choices/school">
                      <option value="{@id}">
                        <xsl:if test="/page/form/value[@name = 'school'] = @id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                        <xsl:value-of select="."/></option>
                    </xsl:for-each>
                  </select>
                  <xsl:call-template name="field-error"><xsl:with-param name="n" select="'school'"/></xsl:call-template>
                </div>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:otherwise>
        </xsl:choose>
        <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.hint'"/></xsl:call-template></p>
        <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'account-new.submit'"/></xsl:call-template></button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
